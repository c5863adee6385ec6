package dev.vigil.api.web;

/** One invalid field of a request, named by its JSON path (e.g. {@code assertions[1].target}). */
public record FieldProblem(String field, String message) {
}
