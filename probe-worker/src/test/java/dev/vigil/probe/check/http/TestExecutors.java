package dev.vigil.probe.check.http;

import dev.vigil.probe.check.CheckExecutor;
import dev.vigil.probe.net.TlsTrust;
import dev.vigil.probe.support.TestJobs;
import java.time.Clock;

/** The HTTP executor for tests of other packages (it is package-private, as executors are). */
public final class TestExecutors {

    private TestExecutors() {
    }

    /** Local mode, loopback allowed, 1 MiB bodies. */
    public static CheckExecutor http() {
        return new HttpCheckExecutor(TestJobs.localGuard(), TlsTrust.withExtraCertificates(null), 1 << 20,
                Clock.systemUTC());
    }
}
