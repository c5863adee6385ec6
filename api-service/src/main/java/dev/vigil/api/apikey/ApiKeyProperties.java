package dev.vigil.api.apikey;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on API keys ({@code vigil.api-keys.*}).
 *
 * @param maxPerWorkspace live (unrevoked) keys a workspace may hold
 */
@ConfigurationProperties("vigil.api-keys")
record ApiKeyProperties(@DefaultValue("100") int maxPerWorkspace) {

    public ApiKeyProperties {
        if (maxPerWorkspace < 1) {
            throw new IllegalArgumentException("vigil.api-keys.max-per-workspace must be at least 1, was "
                    + maxPerWorkspace);
        }
    }
}
