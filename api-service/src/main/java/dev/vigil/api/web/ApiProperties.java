package dev.vigil.api.web;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The API's own settings ({@code vigil.api.*}).
 *
 * @param publicUrl      base URL people reach this service at, for links such as a heartbeat's ping URL
 * @param maxRequestSize largest request body accepted; a bigger one is answered 413 before it is read
 * @param maxApplySize   largest document {@code POST /api/v1/apply} accepts (10,000 monitors are about 3 MB)
 */
@ConfigurationProperties("vigil.api")
public record ApiProperties(@DefaultValue("http://localhost:8080") URI publicUrl,
                            @DefaultValue("1MB") DataSize maxRequestSize,
                            @DefaultValue("32MB") DataSize maxApplySize) {

    public ApiProperties {
        if (publicUrl == null || publicUrl.getHost() == null
                || !("http".equals(publicUrl.getScheme()) || "https".equals(publicUrl.getScheme()))) {
            throw new IllegalArgumentException("vigil.api.public-url must be an absolute http(s) URL, was "
                    + publicUrl);
        }
        if (maxRequestSize.toBytes() < 1024) {
            throw new IllegalArgumentException("vigil.api.max-request-size must be at least 1KB, was "
                    + maxRequestSize);
        }
    }

    /** The body limit of requests to {@code path}. */
    public long maxRequestSize(String path) {
        return path != null && path.equals("/api/v1/apply") ? Math.max(maxApplySize.toBytes(),
                maxRequestSize.toBytes()) : maxRequestSize.toBytes();
    }

    /** {@code publicUrl} joined with an absolute path, without a doubled slash. */
    public String link(String absolutePath) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + absolutePath;
    }
}
