package dev.vigil.probe.plugin.nagios;

import dev.vigil.common.message.PerfDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Performance data as the Nagios plugin guidelines define it: space-separated
 * {@code 'label'=value[UOM];[warn];[crit];[min];[max]}, the label quoted with single quotes when it has spaces (a
 * quote inside doubled), trailing empty fields droppable. A value of {@code U} (undetermined) and malformed items are
 * skipped rather than failing the check.
 */
final class PerfDataParser {

    /** More is noise, and every datum travels in every result. */
    static final int MAX_ITEMS = 50;

    private static final Pattern VALUE = Pattern.compile("(-?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)([a-zA-Z%]*)");

    private PerfDataParser() {
    }

    static List<PerfDatum> parse(String text) {
        List<PerfDatum> data = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n && data.size() < MAX_ITEMS) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder label = new StringBuilder();
            if (text.charAt(i) == '\'') {
                i++;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '\'' && i + 1 < n && text.charAt(i + 1) == '\'') {
                        label.append('\'');
                        i += 2;
                    } else if (c == '\'') {
                        i++;
                        break;
                    } else {
                        label.append(c);
                        i++;
                    }
                }
            } else {
                while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                    label.append(text.charAt(i++));
                }
            }
            if (i >= n || text.charAt(i) != '=') {
                // not label=value: skip this token
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            i++;
            int end = i;
            while (end < n && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            PerfDatum datum = datum(label.toString(), text.substring(i, end));
            if (datum != null) {
                data.add(datum);
            }
            i = end;
        }
        return data;
    }

    private static PerfDatum datum(String label, String fields) {
        String[] parts = fields.split(";", -1);
        Matcher value = VALUE.matcher(parts[0].replace(',', '.'));
        if (label.isEmpty() || !value.matches()) {
            return null;
        }
        try {
            return new PerfDatum(label, Double.parseDouble(value.group(1)),
                    value.group(2).isEmpty() ? null : value.group(2), field(parts, 1), field(parts, 2),
                    number(field(parts, 3)), number(field(parts, 4)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String field(String[] parts, int index) {
        return index < parts.length && !parts[index].isBlank() ? parts[index] : null;
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text.replace(',', '.'));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
