package dev.vigil.probe.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The certificates probes trust: the JDK's CA set, plus the CAs of a private PKI when configured. Each check gets
 * its own {@link Session}: a fresh {@link SSLContext} (no TLS session resumed from an earlier check, so every check
 * measures and verifies a full handshake) whose trust manager records the chain the server presented, so the
 * certificate's expiry can be reported even when verification fails.
 */
public final class TlsTrust {

    private final X509ExtendedTrustManager trustManager;

    private TlsTrust(X509ExtendedTrustManager trustManager) {
        this.trustManager = trustManager;
    }

    /** The JDK's trusted CAs, plus those in the PEM file {@code extraPem} when it is not null. */
    public static TlsTrust withExtraCertificates(Path extraPem) {
        try {
            X509ExtendedTrustManager jdk = trustManagerOf(null);
            if (extraPem == null) {
                return new TlsTrust(jdk);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : jdk.getAcceptedIssuers()) {
                store.setCertificateEntry("jdk-" + i++, ca);
            }
            Collection<? extends Certificate> extra;
            try (InputStream in = Files.newInputStream(extraPem)) {
                extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (extra.isEmpty()) {
                throw new IllegalArgumentException("vigil.probe.trusted-certificates: no certificate in " + extraPem);
            }
            for (Certificate certificate : extra) {
                store.setCertificateEntry("extra-" + i++, certificate);
            }
            return new TlsTrust(trustManagerOf(store));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("vigil.probe.trusted-certificates: cannot read " + extraPem + ": "
                    + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManagerOf(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509 trust manager");
    }

    /** A TLS context for one check. */
    public Session newSession() {
        RecordingTrustManager recording = new RecordingTrustManager(trustManager);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recording}, null);
            return new Session(context, recording);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** The TLS context of one check and the certificate chain its server presented, once it has. */
    public record Session(SSLContext context, RecordingTrustManager trustManager) {

        /** The server's own certificate, or null when no handshake got that far. */
        public X509Certificate leaf() {
            X509Certificate[] chain = trustManager.presentedChain();
            return chain == null || chain.length == 0 ? null : chain[0];
        }
    }
}
