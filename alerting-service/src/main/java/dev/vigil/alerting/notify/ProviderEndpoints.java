package dev.vigil.alerting.notify;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the SaaS providers' APIs are ({@code vigil.notify.providers.*}): the deployment's to set (a test points them
 * at a loopback receiver), never a tenant's, so no channel can aim an Opsgenie, Pushover or Twilio request elsewhere.
 * Requests still go through the SSRF-guarded client.
 *
 * @param opsgenieUs Opsgenie's API in the US (channels with {@code region} US or none)
 * @param opsgenieEu Opsgenie's API in the EU (channels with {@code region} EU)
 * @param pushover   Pushover's API ({@code /1/messages.json} below it)
 * @param twilio     a Twilio-compatible API ({@code /2010-04-01/Accounts/...} below it), for SMS and VOICE
 */
@ConfigurationProperties("vigil.notify.providers")
record ProviderEndpoints(@DefaultValue("https://api.opsgenie.com") URI opsgenieUs,
                         @DefaultValue("https://api.eu.opsgenie.com") URI opsgenieEu,
                         @DefaultValue("https://api.pushover.net") URI pushover,
                         @DefaultValue("https://api.twilio.com") URI twilio) {

    static ProviderEndpoints defaults() {
        return new ProviderEndpoints(URI.create("https://api.opsgenie.com"), URI.create("https://api.eu.opsgenie.com"),
                URI.create("https://api.pushover.net"), URI.create("https://api.twilio.com"));
    }

    /** Every provider at {@code base} (tests: one loopback receiver, each provider under its own path). */
    static ProviderEndpoints at(String base) {
        return new ProviderEndpoints(URI.create(base + "/opsgenie-us"), URI.create(base + "/opsgenie-eu"),
                URI.create(base + "/pushover"), URI.create(base + "/twilio"));
    }
}
