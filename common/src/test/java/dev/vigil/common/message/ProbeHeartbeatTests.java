package dev.vigil.common.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.check.MonitorType;
import dev.vigil.common.json.WireJson;
import dev.vigil.common.message.ProbeHeartbeat.OfferedPlugin;
import dev.vigil.common.message.ProbeHeartbeat.PluginKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeHeartbeatTests {

    @Test
    void aHeartbeatSurvivesTheWireWithItsPlugins() {
        ProbeHeartbeat beat = new ProbeHeartbeat("eu-west-1", "ip-10-0-0-1-4f2a", "0.1.0",
                Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2025-01-01T10:05:00Z"), 15, false,
                List.of(MonitorType.HTTP, MonitorType.PLUGIN),
                List.of(new OfferedPlugin("check_tcp", PluginKind.NAGIOS, null),
                        new OfferedPlugin("banner", PluginKind.JAVA, "Reads a service's greeting line")),
                3, 64);

        ProbeHeartbeat read = WireJson.read(WireJson.write(beat), ProbeHeartbeat.class);

        assertThat(read).isEqualTo(beat);
    }

    @Test
    void aHeartbeatFromANewerProbeWithUnknownFieldsStillReads() {
        String json = """
                {"region":"a","instanceId":"i-1","startedAt":"2025-01-01T10:00:00Z","sentAt":"2025-01-01T10:00:15Z",
                 "intervalSeconds":15,"plugins":[{"name":"x","kind":"NAGIOS","licence":"GPL"}],"cpu":0.5}""";

        ProbeHeartbeat read = WireJson.read(json, ProbeHeartbeat.class);

        assertThat(read.plugins()).extracting(OfferedPlugin::name).containsExactly("x");
        assertThat(read.monitorTypes()).isEmpty();
    }
}
