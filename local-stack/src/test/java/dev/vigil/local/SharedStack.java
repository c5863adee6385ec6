package dev.vigil.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.common.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One whole stack, and one Chromium on it, for the test classes that need no stack of their own ({@link
 * UsesSharedStack}): each of them signs up workspaces of its own, which the others cannot see, and asserts only on
 * what is in them, so a stack started once per test JVM tests the same as a stack per class, without paying a stack's
 * start and stop and a browser's start per class. Started on first use; stopped before a class with a stack of its own
 * ({@link OwnStack}) starts, so the two never run side by side, or else when the test run ends (JUnit closes it with
 * the root context's store).
 *
 * <p>Its configuration is the union of what its classes set, none of which changes what another asserts: SMTP to a
 * GreenMail here (the account and subscriber mails some classes follow), a sign-up allowance for the dozen people the
 * classes sign up from this one address, and a known API port so the links the stack puts in alerts and mails lead
 * back to it. Classes that need other settings (a rate limit under test, a subscriber delay, a public URL that is not
 * this stack's) or that count rows across all workspaces keep a stack of their own.
 */
final class SharedStack implements AutoCloseable {

    private TestDatabase database;
    private GreenMail smtp;
    private LocalStack stack;
    private DashboardBrowser dashboard;

    private SharedStack() {
    }

    synchronized LocalStack stack() {
        if (stack == null) {
            start();
        }
        return stack;
    }

    /** The stack's database, for what a test sets up beyond the API (always with ids of its own workspace). */
    TestDatabase database() {
        stack();
        return database;
    }

    /** The SMTP server the stack mails to; tests pick their mails by recipient, an address of their own. */
    GreenMail smtp() {
        stack();
        return smtp;
    }

    /**
     * The shared Chromium on this stack, in a fresh session: signed out, no stored choices, no accessibility check
     * or screenshot folder of the class before.
     */
    synchronized DashboardBrowser dashboard() {
        if (dashboard == null) {
            dashboard = DashboardBrowser.start(stack().apiUrl());
        }
        return dashboard.freshSession();
    }

    private void start() {
        database = TestDatabase.create();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        int apiPort = freePort();
        String base = "http://127.0.0.1:" + apiPort;
        Map<String, String> properties = new HashMap<>(Map.of(
                "vigil.sqs.wait-time", "1s",
                // The classes sign up about a dozen people (and accept invitations) from this one address.
                "vigil.rate-limits.signup.capacity", "50",
                "spring.mail.host", "127.0.0.1", "spring.mail.port", Integer.toString(smtp.getSmtp().getPort()),
                // Links in alerts and mails lead to this stack.
                "vigil.notify.dashboard-url", base, "vigil.api.public-url", base));
        Path[] browser = DashboardBrowser.installed();
        if (browser != null) {
            // The probes' browser checks use the tests' browser.
            properties.put("vigil.probe.browser.chromium", browser[0].toString());
            properties.put("vigil.probe.browser.chromedriver", browser[1].toString());
        }
        stack = LocalStack.start(new LocalStackOptions(database.jdbcUrl(), Path.of("unused"), apiPort, 0,
                LocalStackOptions.LOCAL_REGIONS, properties));
    }

    private static int freePort() {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedStack.class));
    }

    /** Hands the one {@link SharedStack} of the test run to the {@code @BeforeAll} methods that take it. */
    static final class Resolver implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return store(context).computeIfAbsent(SharedStack.class, type -> new SharedStack(), SharedStack.class);
        }
    }

    /**
     * Stops the shared stack, if one runs, before a class that starts its own: a second stack beside it would share
     * the CPU with its idle probes and scheduler, and that class's assertions have deadlines. A shared class after it
     * starts a new one.
     */
    static final class Stopper implements BeforeAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            SharedStack running = store(context).remove(SharedStack.class, SharedStack.class);
            if (running != null) {
                running.close();
            }
        }
    }
}
