package dev.vigil.api.statuspage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** One representation of a page, ready to send: its bytes, type and strong ETag (a digest of the bytes). */
record Rendered(byte[] body, String contentType, String etag) {

    static Rendered of(String text, String contentType) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            String tag = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
            return new Rendered(body, contentType, "\"" + tag + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an {@code If-None-Match} header names this representation (weak comparison, RFC 9110 13.1.2). */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
