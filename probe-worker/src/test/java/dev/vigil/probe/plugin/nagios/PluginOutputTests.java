package dev.vigil.probe.plugin.nagios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.message.PerfDatum;
import org.junit.jupiter.api.Test;

class PluginOutputTests {

    @Test
    void theFirstLineIsTheMessageAndPerfDataFollowsTheBar() {
        PluginOutput output = PluginOutput.parse(
                "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n");

        assertThat(output.message()).isEqualTo("DISK OK - free space: / 3326 MB (56%);");
        assertThat(output.perfData()).containsExactly(new PerfDatum("/", 2643, "MB", "5948", "5958", 0.0, 5968.0));
    }

    @Test
    void longTextAndPerfDataOnLaterLinesAreReadPerTheGuidelines() {
        PluginOutput output = PluginOutput.parse("""
                DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968
                / 15272 MB (77%);
                /boot 68 MB (69%);
                /home 69357 MB (27%);
                /var/log 819 MB (84%); | /boot=68MB;88;93;0;98
                /home=69357MB;253404;253409;0;253414
                /var/log=818MB;970;975;0;980
                """);

        assertThat(output.message()).isEqualTo("DISK OK - free space: / 3326 MB (56%);");
        assertThat(output.perfData()).extracting(PerfDatum::label).containsExactly("/", "/boot", "/home", "/var/log");
    }

    @Test
    void quotedLabelsRangesAndMissingFieldsAreParsed() {
        PluginOutput output = PluginOutput.parse(
                "OK | 'time to first byte'=0.012s;@1:2;~:5 'it''s'=5% count=3c;;;; load=U bad=abc =3 size=12.5KB;;;0");

        assertThat(output.message()).isEqualTo("OK");
        assertThat(output.perfData()).containsExactly(
                new PerfDatum("time to first byte", 0.012, "s", "@1:2", "~:5", null, null),
                new PerfDatum("it's", 5, "%", null, null, null, null),
                new PerfDatum("count", 3, "c", null, null, null, null),
                new PerfDatum("size", 12.5, "KB", null, null, 0.0, null));
    }

    @Test
    void outputWithoutPerfDataIsJustAMessage() {
        PluginOutput output = PluginOutput.parse("CRITICAL - Socket timeout after 10 seconds");

        assertThat(output.message()).isEqualTo("CRITICAL - Socket timeout after 10 seconds");
        assertThat(output.perfData()).isEmpty();
    }
}
