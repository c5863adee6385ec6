package dev.vigil.probe.check;

import dev.vigil.common.message.ErrorKind;
import dev.vigil.common.net.BlockedAddressException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Turns what went wrong on the network into an error class and a message a person can act on. */
public final class Failures {

    private Failures() {
    }

    /** The error class and message of a failed connection, request or handshake. */
    public static Failure classify(Throwable error, String target, long timeoutMs) {
        if (error instanceof BlockedAddressException blocked) {
            return new Failure(ErrorKind.BLOCKED, "refused by the probe's target policy: " + blocked.getMessage());
        }
        if (error instanceof UnknownHostException) {
            return new Failure(ErrorKind.DNS, "host not found: " + error.getMessage());
        }
        if (error instanceof SocketTimeoutException || error instanceof InterruptedIOException
                && "timeout".equals(error.getMessage())) {
            return new Failure(ErrorKind.TIMEOUT, "no answer from " + target + " within " + timeoutMs + " ms");
        }
        if (error instanceof ConnectException) {
            return new Failure(ErrorKind.CONNECTION, "connection to " + target + " refused");
        }
        if (error instanceof NoRouteToHostException) {
            return new Failure(ErrorKind.CONNECTION, "no route to " + target);
        }
        if (error instanceof SSLException) {
            return new Failure(ErrorKind.TLS, tlsMessage(error));
        }
        return new Failure(ErrorKind.CONNECTION, error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage()));
    }

    /** What failed in a TLS handshake, without the JDK's internal class names. */
    public static String tlsMessage(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException) {
                return "TLS certificate has expired";
            }
            if (cause instanceof CertificateNotYetValidException) {
                return "TLS certificate is not valid yet";
            }
            if (cause instanceof CertPathBuilderException || cause instanceof CertPathValidatorException) {
                return "TLS certificate is not trusted (self-signed or unknown issuer)";
            }
            String message = String.valueOf(cause.getMessage());
            if (message.startsWith("No subject alternative") || message.startsWith("No name matching")
                    || cause instanceof SSLPeerUnverifiedException && message.contains("not verified")) {
                return "TLS certificate does not match the host name: " + firstLine(message);
            }
        }
        return "TLS handshake failed: " + firstLine(String.valueOf(error.getMessage()));
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** An error class and its message. */
    public record Failure(ErrorKind kind, String message) {
    }
}
