package dev.vigil.examples.banner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.message.PerfDatum;
import dev.vigil.common.net.TargetGuard;
import dev.vigil.common.net.TargetPolicy;
import dev.vigil.probe.check.CheckOutcome;
import dev.vigil.probe.net.Connector;
import dev.vigil.probe.plugin.spi.JavaPlugins;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin jar, dropped into a plugin folder and loaded by the probe's real loader (ServiceLoader, own
 * class loader), then run against a loopback service the way a PLUGIN monitor runs it.
 */
class BannerPluginIT {

    @TempDir
    Path folder;

    private ServerSocket service;
    private Thread acceptor;
    private volatile String greeting = "220 mail.vigil.test ESMTP ready\r\n";

    @BeforeEach
    void startService() throws IOException {
        service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!service.isClosed()) {
                try (Socket client = service.accept(); OutputStream out = client.getOutputStream()) {
                    if (greeting != null) {
                        out.write(greeting.getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } else {
                        Thread.sleep(2000);
                    }
                } catch (IOException | InterruptedException e) {
                    // closing
                }
            }
        });
    }

    @AfterEach
    void stopService() throws Exception {
        service.close();
        acceptor.join(Duration.ofSeconds(3));
    }

    private JavaPlugins loadInto(Path pluginFolder, TargetPolicy policy) throws IOException {
        Path jar = Path.of(System.getProperty("plugin.jar"));
        assertThat(jar).as("the module's jar, built by the package phase").exists();
        Files.copy(jar, pluginFolder.resolve(jar.getFileName()));
        return JavaPlugins.load(pluginFolder, new Connector(new TargetGuard(policy)));
    }

    private String port() {
        return Integer.toString(service.getLocalPort());
    }

    @Test
    void theJarIsDiscoveredAndItsCheckRuns() throws IOException {
        try (JavaPlugins plugins = loadInto(folder, TargetPolicy.allowingPrivate())) {
            assertThat(plugins.offers("banner")).isTrue();
            assertThat(plugins.descriptions().get("banner")).contains("greeting");

            CheckOutcome up = plugins.run("banner", List.of("127.0.0.1", port(), "ESMTP"), Duration.ofSeconds(5));
            CheckOutcome wrong = plugins.run("banner", List.of("127.0.0.1", port(), "SSH-2.0"), Duration.ofSeconds(5));
            CheckOutcome usage = plugins.run("banner", List.of("127.0.0.1"), Duration.ofSeconds(5));

            assertThat(up.ok()).as(up.message()).isTrue();
            assertThat(up.message()).isEqualTo("220 mail.vigil.test ESMTP ready");
            assertThat(up.perfData()).extracting(PerfDatum::label).containsExactly("time");
            assertThat(wrong.ok()).isFalse();
            assertThat(wrong.error()).isEqualTo(ErrorKind.PLUGIN);
            assertThat(wrong.message()).contains("does not contain \"SSH-2.0\"");
            assertThat(usage.ok()).isFalse();
            assertThat(usage.message()).startsWith("usage:");
        }
    }

    @Test
    void aFolderWithoutTheJarOffersNothingEvenWithThePluginOnTheClasspath() throws IOException {
        try (JavaPlugins plugins = JavaPlugins.load(folder, new Connector(new TargetGuard(
                TargetPolicy.allowingPrivate())))) {
            assertThat(plugins.offers("banner")).isFalse();
        }
    }

    @Test
    void thePluginsNetworkAccessIsGuarded() throws IOException {
        try (JavaPlugins plugins = loadInto(folder, TargetPolicy.publicOnly())) {
            CheckOutcome outcome = plugins.run("banner", List.of("localhost", port()), Duration.ofSeconds(5));

            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.message()).contains("may not be reached");
        }
    }

    @Test
    void aSilentServiceTimesOut() throws IOException {
        greeting = null;
        try (JavaPlugins plugins = loadInto(folder, TargetPolicy.allowingPrivate())) {
            CheckOutcome outcome = plugins.run("banner", List.of("127.0.0.1", port()), Duration.ofMillis(500));

            assertThat(outcome.ok()).isFalse();
            // The plugin reports its own timeout first; on a starved machine the probe's deadline may win the race.
            assertThat(outcome.error()).isIn(ErrorKind.PLUGIN, ErrorKind.TIMEOUT);
            assertThat(outcome.message()).containsAnyOf("no greeting", "did not finish");
        }
    }
}
