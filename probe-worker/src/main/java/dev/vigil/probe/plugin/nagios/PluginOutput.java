package dev.vigil.probe.plugin.nagios;

import dev.vigil.common.message.PerfDatum;
import java.util.ArrayList;
import java.util.List;

/**
 * A plugin's output as the guidelines lay it out: the first line is {@code TEXT | PERFDATA}; further lines are long
 * text, and after a {@code |} on one of them, more performance data.
 *
 * @param message  the first line's text
 * @param perfData all performance data
 */
record PluginOutput(String message, List<PerfDatum> perfData) {

    static PluginOutput parse(String output) {
        String[] lines = output.strip().split("\\R");
        String first = lines.length == 0 ? "" : lines[0];
        int bar = first.indexOf('|');
        String message = (bar < 0 ? first : first.substring(0, bar)).strip();
        List<PerfDatum> perf = new ArrayList<>(bar < 0 ? List.of() : PerfDataParser.parse(first.substring(bar + 1)));
        boolean inPerf = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (!inPerf) {
                int more = line.indexOf('|');
                if (more >= 0) {
                    inPerf = true;
                    line = line.substring(more + 1);
                } else {
                    continue;
                }
            }
            if (perf.size() < PerfDataParser.MAX_ITEMS) {
                perf.addAll(PerfDataParser.parse(line));
            }
        }
        return new PluginOutput(message, perf.size() > PerfDataParser.MAX_ITEMS
                ? perf.subList(0, PerfDataParser.MAX_ITEMS) : perf);
    }
}
