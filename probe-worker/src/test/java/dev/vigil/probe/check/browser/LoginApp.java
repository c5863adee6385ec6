package dev.vigil.probe.check.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small web app on loopback for browser checks: a sign-in form, a session cookie, a dashboard. Its login can be
 * broken on purpose; its pages also try to load an image from the cloud metadata address, which the probe's guard
 * must refuse while loopback is allowed.
 */
public final class LoginApp implements AutoCloseable {

    public static final String USER = "ada";
    public static final String PASSWORD = "lovelace";

    private final HttpServer server;
    private final AtomicBoolean broken = new AtomicBoolean();

    public LoginApp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/login", exchange -> page(exchange, 200, "Sign in", """
                <h1>Sign in</h1>
                <p id="error">%s</p>
                <form method="post" action="/session">
                  <input id="user" name="user"> <input id="password" name="password" type="password">
                  <select id="region" name="region"><option value="eu">Europe</option><option value="us">US</option></select>
                  <button id="submit" type="submit">Sign in</button>
                </form>
                <img src="http://169.254.169.254/latest/meta-data/x.png" alt="">
                <script>console.error("login page script error (on purpose)");</script>
                """.formatted(exchange.getRequestURI().getQuery() == null ? "" : "Login failed")));
        server.createContext("/session", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String decoded = URLDecoder.decode(form, StandardCharsets.UTF_8);
            boolean ok = !broken.get() && decoded.contains("user=" + USER) && decoded.contains("password=" + PASSWORD);
            exchange.getResponseHeaders().add("Location", ok ? "/dashboard" : "/login?failed");
            if (ok) {
                exchange.getResponseHeaders().add("Set-Cookie", "session=s1; Path=/; HttpOnly");
            }
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        });
        server.createContext("/dashboard", exchange -> {
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            if (cookie == null || !cookie.contains("session=s1")) {
                exchange.getResponseHeaders().add("Location", "/login");
                exchange.sendResponseHeaders(303, -1);
                exchange.close();
                return;
            }
            page(exchange, 200, "Dashboard", "<h1 id=\"welcome\">Welcome, Ada</h1><p>3 monitors up</p>");
        });
        server.start();
    }

    /** The app's base URL, {@code http://127.0.0.1:port}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every sign-in fails (as a broken deploy would). */
    public void breakLogin() {
        broken.set(true);
    }

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><title>" + title + "</title></head><body>" + body
                + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
