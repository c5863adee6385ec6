package dev.vigil.probe.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** Self-signed certificates made in the test, for HTTPS and TLS targets on loopback. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** A self-signed certificate for 127.0.0.1 and localhost, valid for {@code validity} from now. */
    public static HeldCertificate selfSigned(Duration validity, String... names) {
        HeldCertificate.Builder builder = new HeldCertificate.Builder()
                .commonName("vigil-test")
                .duration(validity.toMillis(), TimeUnit.MILLISECONDS);
        if (names.length == 0) {
            builder.addSubjectAlternativeName("127.0.0.1").addSubjectAlternativeName("localhost");
        }
        for (String name : names) {
            builder.addSubjectAlternativeName(name);
        }
        return builder.build();
    }

    /** What a server presents. */
    public static HandshakeCertificates server(HeldCertificate certificate) {
        return new HandshakeCertificates.Builder().heldCertificate(certificate).build();
    }

    /** A PEM file with the certificate, for {@code vigil.probe.trusted-certificates}. */
    public static Path pem(HeldCertificate certificate) throws IOException {
        Path file = Files.createTempFile("vigil-test-ca", ".pem");
        file.toFile().deleteOnExit();
        Files.writeString(file, certificate.certificatePem());
        return file;
    }
}
