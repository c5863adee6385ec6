package dev.vigil.common.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NagiosPluginListTests {

    private final NagiosPluginList defaults = NagiosPluginList.defaults();

    @Test
    void theBuiltInListOffersNetworkChecksOnly() {
        assertThat(defaults.names()).contains("check_tcp", "check_http", "check_ssh", "check_smtp", "check_ping")
                .doesNotContain("check_log", "check_disk", "check_by_ssh", "check_file_age", "check_procs", "negate",
                        "urlize", "check_dummy");
    }

    @Test
    void pluginsOffTheListAreRefusedWhateverTheirArguments() {
        assertThat(defaults.refusal("check_log", List.of("-F", "/etc/passwd", "-O", "/tmp/x", "-q", "root")))
                .hasValue("plugin check_log is not on this service's plugin list; see GET /api/v1/plugins");
        assertThat(defaults.refusal("check_by_ssh", List.of("-H", "example.com", "-C", "id"))).isPresent();
    }

    @Test
    void optionsThatFollowReadOrWriteAreRefused() {
        assertThat(defaults.refusal("check_http", List.of("-H", "example.com", "-f", "follow")))
                .hasValue("-f accepts only ok, warning, critical (got \"follow\")");
        assertThat(defaults.refusal("check_http", List.of("-H", "example.com", "--onredirect=sticky"))).isPresent();
        assertThat(defaults.refusal("check_http", List.of("-H", "example.com", "-J", "/etc/ssl/private/key.pem")))
                .get().asString().startsWith("option -J is not accepted by check_http");
        assertThat(defaults.refusal("check_tcp", List.of("--extra-opts=@/etc/passwd"))).isPresent();
        assertThat(defaults.refusal("check_http", List.of("-H", "example.com", "-j", "CONNECT"))).isPresent();
    }

    @Test
    void valuesCannotNameFilesOrSmuggleOptions() {
        // check_tcp takes a unix socket path as its host
        assertThat(defaults.refusal("check_tcp", List.of("-H", "/var/run/docker.sock")))
                .get().asString().startsWith("-H takes a host name or IP address");
        assertThat(defaults.refusal("check_tcp", List.of("-H", "example.com", "-p", "70000"))).isPresent();
        assertThat(defaults.refusal("check_tcp", List.of("-Hexample.com"))).isPresent();
        assertThat(defaults.refusal("check_tcp", List.of("--host=example.com"))).isPresent();
        assertThat(defaults.refusal("check_tcp", List.of("-H", "example.com", "extra"))).get().asString()
                .startsWith("\"extra\" is not an option");
        assertThat(defaults.refusal("check_tcp", List.of("-H", "example.com", "--", "-F"))).isPresent();
        assertThat(defaults.refusal("check_tcp", List.of("-H"))).hasValue("-H needs a value");
        assertThat(defaults.refusal("check_tcp", List.of("-4=yes"))).isPresent();
        assertThat(defaults.refusal("check_pgsql", List.of("-H", "db.example.com", "-d",
                "dbname=x sslrootcert=/etc/passwd"))).isPresent();
        assertThat(defaults.refusal("check_pgsql", List.of("-H", "db.example.com", "-p", "x' sslkey='/etc/shadow")))
                .isPresent();
    }

    @Test
    void ordinaryChecksPass() {
        assertThat(defaults.refusal("check_tcp", List.of("-H", "example.com", "-p", "22", "-w", "0.5", "-c", "2",
                "-4"))).isEmpty();
        assertThat(defaults.refusal("check_http", List.of("--hostname=example.com", "-u", "/health?x=1", "-s",
                "status: ok", "-f", "critical", "-S", "--sni", "-C", "30,14", "-j", "HEAD"))).isEmpty();
        assertThat(defaults.refusal("check_ping", List.of("-H", "2001:db8::1", "-w", "100,20%", "-c", "500,60%")))
                .isEmpty();
        assertThat(defaults.refusal("check_tcp", List.of())).isEmpty();
    }

    @Test
    void hostValuesAreFoundForVetting() {
        NagiosPlugin http = defaults.plugin("check_http").orElseThrow();

        assertThat(http.hosts(List.of("-H", "example.com", "--IP-address=10.0.0.1", "-s", "x", "-u", "/")))
                .containsExactly("example.com", "10.0.0.1");
    }

    @Test
    void aDeploymentAddsReplacesAndRemovesEntries() {
        NagiosPluginList own = NagiosPluginList.of(true, Map.of("check_mine", "-x|--extra integer",
                "check_tcp", "-H host", "check_http", " "));

        assertThat(own.names()).contains("check_mine", "check_tcp").doesNotContain("check_http");
        assertThat(own.refusal("check_mine", List.of("--extra=3"))).isEmpty();
        assertThat(own.refusal("check_tcp", List.of("-H", "example.com", "-p", "22"))).isPresent();
        assertThat(NagiosPluginList.of(false, Map.of("check_mine", "-x flag")).names()).containsExactly("check_mine");
    }

    @Test
    void aMalformedEntryStopsStartUpNamingIt() {
        assertThatThrownBy(() -> NagiosPluginList.of(true, Map.of("check_x", "-p")))
                .hasMessageStartingWith("check_x: \"-p\" is not OPTION KIND");
        assertThatThrownBy(() -> NagiosPluginList.of(true, Map.of("check_x", "-p file")))
                .hasMessageStartingWith("check_x: unknown kind \"file\"");
        assertThatThrownBy(() -> NagiosPluginList.of(true, Map.of("../bin/sh", "-p port")))
                .hasMessageContaining("is not a plugin file name");
    }
}
