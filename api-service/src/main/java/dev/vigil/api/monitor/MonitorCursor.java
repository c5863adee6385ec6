package dev.vigil.api.monitor;

import dev.vigil.api.web.FieldProblems;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of the monitor list (oldest first) ended: the last monitor's creation time and id, the list's order.
 * The next page starts after it with one index range scan, at any depth: {@code page=N} is an OFFSET, which walks
 * every earlier entry of the index (a page near the end of 100,000 monitors read 90,000 of them, bench/README.md).
 * Opaque to callers (base64 of a versioned text), so its form may change; a monitor deleted meanwhile changes nothing.
 */
record MonitorCursor(Instant createdAt, UUID id) {

    private static final String VERSION = "1";

    String encode() {
        String text = VERSION + ":" + createdAt.getEpochSecond() + ":" + createdAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a page's {@code next} gave; a 400 naming {@code field} for anything else. */
    static MonitorCursor parse(String field, String given) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(given.strip()), StandardCharsets.UTF_8)
                    .split(":", -1);
            if (parts.length == 4 && parts[0].equals(VERSION)) {
                return new MonitorCursor(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
                        UUID.fromString(parts[3]));
            }
        } catch (IllegalArgumentException | DateTimeException e) {
            // answered below
        }
        FieldProblems problems = new FieldProblems();
        problems.add(field, "after must be the next of a page of this list, as given");
        problems.throwIfAny();
        return null;
    }
}
