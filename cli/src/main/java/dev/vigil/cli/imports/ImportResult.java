package dev.vigil.cli.imports;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an import made: the document, and one line per thing it could not carry over (with where it was in the
 * source), for the person to handle by hand.
 *
 * @param secrets environment variables the document references, with what each should hold
 */
public record ImportResult(ObjectNode document, List<String> unmapped, List<String> secrets) {
}
