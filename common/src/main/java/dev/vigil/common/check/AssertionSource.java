package dev.vigil.common.check;

/** What an {@link Assertion} inspects. */
public enum AssertionSource {
    STATUS_CODE(false),
    BODY(false),
    JSON_PATH(true),
    HEADER(true),
    RESPONSE_TIME_MS(false),
    DNS_ANSWER(false);

    private final boolean needsPath;

    AssertionSource(boolean needsPath) {
        this.needsPath = needsPath;
    }

    /** Whether the assertion must name a {@code path} (a header name or a JSON path). */
    public boolean needsPath() {
        return needsPath;
    }
}
