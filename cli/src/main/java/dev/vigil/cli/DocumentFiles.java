package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * {@code vigil.yaml} (or JSON, which is YAML too) read into the JSON the API takes, with every environment
 * reference {@code {env: NAME}} replaced by that variable's value here, on the client: secrets live in the
 * environment (a CI secret, a shell), never in the file, and the server never reads anyone's environment.
 */
final class DocumentFiles {

    /** Quotes only where needed, but always strings that look like numbers: target "200" stays a string. */
    static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    private DocumentFiles() {
    }

    /** The document of {@code file} ({@code -} for stdin) as JSON text, references resolved. */
    static String read(Path file, CliEnvironment environment) {
        String text;
        try {
            text = file.toString().equals("-") ? new String(environment.in().readAllBytes())
                    : Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.INVALID, "no such file: " + file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.INVALID, "cannot read " + file + ": " + e.getMessage());
        }
        JsonNode document;
        try {
            document = YAML.readTree(text);
        } catch (JacksonException e) {
            throw new CliException(ExitCodes.INVALID, file + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (document == null || !document.isObject()) {
            throw new CliException(ExitCodes.INVALID, file + " must hold a mapping (version, monitors, ...)");
        }
        List<String> missing = new ArrayList<>();
        JsonNode resolved = resolve(document, environment.env(), missing, "");
        if (!missing.isEmpty()) {
            throw new CliException(ExitCodes.INVALID, "environment variables the document needs are not set",
                    missing);
        }
        return VigilApi.JSON.writeValueAsString(resolved);
    }

    /** Replaces {@code {env: NAME}} objects anywhere in the tree; names what is missing with its path. */
    static JsonNode resolve(JsonNode node, Map<String, String> env, List<String> missing, String path) {
        if (node instanceof ObjectNode object) {
            if (object.size() == 1 && object.has("env") && object.get("env").isString()) {
                String name = object.get("env").asString();
                String value = env.get(name);
                if (value == null) {
                    missing.add(path + ": " + name);
                    return node;
                }
                return VigilApi.JSON.getNodeFactory().stringNode(value);
            }
            ObjectNode copy = VigilApi.JSON.createObjectNode();
            for (String field : object.propertyNames()) {
                copy.set(field, resolve(object.get(field), env, missing, path.isEmpty() ? field : path + "." + field));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = VigilApi.JSON.createArrayNode();
            for (int i = 0; i < array.size(); i++) {
                copy.add(resolve(array.get(i), env, missing, path + "[" + i + "]"));
            }
            return copy;
        }
        return node;
    }

    static String yaml(JsonNode document) {
        return YAML.writeValueAsString(document);
    }
}
