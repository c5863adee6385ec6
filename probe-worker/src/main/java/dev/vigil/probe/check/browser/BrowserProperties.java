package dev.vigil.probe.check.browser;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vigil.probe.browser.*}: how this probe runs BROWSER checks.
 *
 * @param enabled          whether this probe offers BROWSER checks (it needs Chromium and chromedriver installed)
 * @param chromium         the Chromium executable (Debian's package)
 * @param chromedriver     the chromedriver matching it (Debian's {@code chromium-driver})
 * @param maxConcurrent    browsers running at once on this probe: each takes a few hundred MB and a core while it
 *                         loads a page (bench/README.md)
 * @param stepTimeout      a step's time limit when it names none
 * @param killGrace        how long past the job's timeout a run may take before its process tree is killed
 * @param viewportWidth    the window's width in CSS pixels
 * @param viewportHeight   the window's height
 */
@ConfigurationProperties("vigil.probe.browser")
public record BrowserProperties(@DefaultValue("true") boolean enabled,
                                @DefaultValue("/usr/bin/chromium") Path chromium,
                                @DefaultValue("/usr/bin/chromedriver") Path chromedriver,
                                @DefaultValue("1") int maxConcurrent,
                                @DefaultValue("30s") Duration stepTimeout,
                                @DefaultValue("5s") Duration killGrace,
                                @DefaultValue("1280") int viewportWidth,
                                @DefaultValue("800") int viewportHeight) {

    public BrowserProperties {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("vigil.probe.browser.max-concurrent must be at least 1");
        }
    }

    /** The defaults, for tests and tools. */
    public static BrowserProperties defaults() {
        return new BrowserProperties(true, Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"), 1,
                Duration.ofSeconds(30), Duration.ofSeconds(5), 1280, 800);
    }
}
