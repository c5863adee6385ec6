package dev.vigil.common.message;

import java.time.Instant;
import java.util.UUID;

/**
 * What a failed browser check saw: probe → {@code results}, marked by the message attribute
 * {@link ChecksSkipped#MESSAGE_KIND_ATTRIBUTE} = {@link #MESSAGE_KIND}, sent before its {@link CheckResult}. Stored
 * once per job by the alerting service (only when the monitor belongs to the workspace named), kept as long as
 * results. Kept under SQS's message size: the probe shrinks the screenshot and cuts the HTML to fit.
 *
 * @param jobId         the result it belongs to
 * @param monitorId     the monitor
 * @param workspaceId   the monitor's workspace
 * @param region        where it ran
 * @param scheduledAt   the round's instant (the result's time)
 * @param failedStep    the index of the step that failed
 * @param screenshotPng the page as a PNG, Base64
 * @param html          the page's HTML (cut to {@link #MAX_HTML_CHARS})
 */
public record CheckArtifacts(UUID jobId, UUID monitorId, UUID workspaceId, String region, Instant scheduledAt,
                             Integer failedStep, String screenshotPng, String html) {

    public static final String MESSAGE_KIND = "check-artifacts";
    /** The most HTML kept: a page's HTML is for finding the broken element, not an archive. */
    public static final int MAX_HTML_CHARS = 60_000;
    /** The most Base64 screenshot sent; SQS takes 256 KiB a message. */
    public static final int MAX_SCREENSHOT_CHARS = 180_000;
}
