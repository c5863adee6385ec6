package dev.vigil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Prints results: aligned tables for people (columns as wide as their widest cell, long cells cut with "…"), or the
 * API's JSON as it came for scripts ({@code --output json}).
 */
final class Output {

    private static final int MAX_CELL = 60;

    private Output() {
    }

    static void json(PrintWriter out, JsonNode value) {
        out.println(VigilApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
    }

    static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        table(out, headers, rows, false);
    }

    /** A table coloured when the run is on a terminal without NO_COLOR: a bold header, status words by state. */
    static void table(CliEnvironment environment, List<String> headers, List<List<String>> rows) {
        table(environment.out(), headers, rows, environment.colour());
    }

    private static void table(PrintWriter out, List<String> headers, List<List<String>> rows, boolean colour) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        for (List<String> row : rows) {
            all.add(row.stream().map(Output::cell).toList());
        }
        int[] widths = new int[headers.size()];
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < all.size(); r++) {
            List<String> row = all.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = row.get(i);
                // Padding is counted on the plain text; the escape codes go around it.
                String padded = i == widths.length - 1 ? cell : pad(cell, widths[i] + 2);
                String style = !colour ? null : r == 0 ? Terminal.BOLD : Terminal.styleOf(cell);
                line.append(style == null ? padded
                        : style + cell + Terminal.RESET + padded.substring(cell.length()));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String cell(String value) {
        String text = value == null ? "-" : value.replaceAll("\\s+", " ");
        return text.length() > MAX_CELL ? text.substring(0, MAX_CELL - 1) + "…" : text;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    /** A field of a JSON object as a cell; "-" when absent. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "-" : value.isString() ? value.asString() : value.toString();
    }
}
