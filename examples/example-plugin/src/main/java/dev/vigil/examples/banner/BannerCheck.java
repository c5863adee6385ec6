package dev.vigil.examples.banner;

import dev.vigil.plugin.CheckExecutor;
import dev.vigil.plugin.CheckReport;
import dev.vigil.plugin.CheckRequest;
import dev.vigil.plugin.PerfValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code banner} check: connects to {@code host port}, reads the service's greeting line (SMTP, SSH, FTP, Redis
 * after a PING, ...), and is OK when it contains the expected text (any greeting, when none is given). Arguments:
 * {@code host port [expected-text]}. Reports the time to the greeting as performance data.
 *
 * <p>How a plugin is written: validate the arguments (they are user input), use {@link CheckRequest#network()} for
 * every connection, stay within {@link CheckRequest#timeout()}, and report the target's problems as CRITICAL.
 */
public final class BannerCheck implements CheckExecutor {

    /** A greeting is one short line; a service that sends more is cut here. */
    static final int MAX_GREETING = 512;

    @Override
    public String type() {
        return "banner";
    }

    @Override
    public String description() {
        return "Connects to host:port and checks the service's greeting line (args: host port [expected-text])";
    }

    @Override
    public CheckReport execute(CheckRequest request) throws IOException {
        List<String> args = request.args();
        if (args.size() < 2 || args.size() > 3) {
            return CheckReport.unknown("usage: banner host port [expected-text]");
        }
        int port;
        try {
            port = Integer.parseInt(args.get(1));
        } catch (NumberFormatException e) {
            return CheckReport.unknown("port must be a number, was \"" + args.get(1) + "\"");
        }
        if (port < 1 || port > 65535) {
            return CheckReport.unknown("port must be 1..65535, was " + port);
        }
        String host = args.get(0);
        long start = System.nanoTime();
        try (Socket socket = request.network().connect(host, port, request.timeout())) {
            long left = request.timeout().toMillis() - (System.nanoTime() - start) / 1_000_000;
            socket.setSoTimeout((int) Math.max(1, left));
            String greeting = firstLine(socket.getInputStream());
            double seconds = (System.nanoTime() - start) / 1e9;
            PerfValue time = new PerfValue("time", round(seconds), "s", null, null, 0.0, null);
            if (greeting.isEmpty()) {
                return CheckReport.critical("no greeting from " + host + ":" + port, time);
            }
            if (args.size() == 3 && !greeting.contains(args.get(2))) {
                return CheckReport.critical("greeting \"" + greeting + "\" does not contain \"" + args.get(2) + "\"",
                        time);
            }
            return CheckReport.ok(greeting, time);
        } catch (SocketTimeoutException e) {
            return CheckReport.critical("no greeting from " + host + ":" + port + " within "
                    + request.timeout().toMillis() + " ms");
        } catch (IOException e) {
            return CheckReport.critical("cannot connect to " + host + ":" + port + ": " + e.getMessage());
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        byte[] line = new byte[MAX_GREETING];
        int length = 0;
        int b;
        while (length < MAX_GREETING && (b = in.read()) != -1 && b != '\n') {
            line[length++] = (byte) b;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8).strip();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1_000_000) / 1_000_000.0;
    }
}
