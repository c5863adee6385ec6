package dev.vigil.api.statuspage;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * Who may see a private page: a visitor from an allowed IP (the connection's address, or the client address a trusted
 * proxy forwarded), or one who gave the password. A correct password earns a cookie holding an HMAC of the page and
 * its password hash, so changing the password logs every visitor out, and no server-side session is needed.
 */
@Component
class PageAccess {

    enum Verdict { GRANTED, PASSWORD_REQUIRED, FORBIDDEN }

    static final String COOKIE = "vigil_status_access";

    private final PasswordEncoder passwords;
    private final byte[] key;

    PageAccess(PasswordEncoder passwords, StatusPageProperties properties) {
        this.passwords = passwords;
        if (properties.accessSecret().isEmpty()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = properties.accessSecret().getBytes(StandardCharsets.UTF_8);
        }
    }

    Verdict check(StatusSnapshot.Page page, HttpServletRequest request) {
        if (!page.isPrivate()) {
            return Verdict.GRANTED;
        }
        String client = request.getRemoteAddr();
        for (String allowed : page.allowedIps()) {
            if (new IpAddressMatcher(allowed).matches(client)) {
                return Verdict.GRANTED;
            }
        }
        if (page.passwordHash() == null) {
            return Verdict.FORBIDDEN;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            byte[] expected = token(page).getBytes(StandardCharsets.US_ASCII);
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(COOKIE) && MessageDigest.isEqual(expected,
                        cookie.getValue().getBytes(StandardCharsets.US_ASCII))) {
                    return Verdict.GRANTED;
                }
            }
        }
        return Verdict.PASSWORD_REQUIRED;
    }

    /** Checks a password typed into the form; when right, sets the cookie scoped to the page's path. */
    boolean unlock(StatusSnapshot.Page page, String password, String basePath, HttpServletRequest request,
                   HttpServletResponse response) {
        if (page.passwordHash() == null || password == null || password.length() > 200
                || !passwords.matches(password, page.passwordHash())) {
            return false;
        }
        Cookie cookie = new Cookie(COOKIE, token(page));
        cookie.setPath(basePath.isEmpty() ? "/" : basePath);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setMaxAge(30 * 24 * 3600);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return true;
    }

    private String token(StatusSnapshot.Page page) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((page.id() + "|" + page.passwordHash()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
