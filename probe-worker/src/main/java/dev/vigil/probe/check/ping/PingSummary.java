package dev.vigil.probe.check.ping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statistics {@code ping} prints at the end, parsed: iputils ({@code 3 packets transmitted, 2 received, +1
 * errors, 33.3333% packet loss} and {@code rtt min/avg/max/mdev = 0.031/0.041/0.052/0.008 ms}) and BusyBox
 * ({@code 3 packets received} and {@code round-trip min/avg/max = ...}). The loss is computed from the counts, not
 * read, so the rounding of one implementation never matters.
 *
 * @param transmitted echo requests sent
 * @param received    replies received
 * @param minMs       fastest round trip, null when nothing came back
 * @param avgMs       average round trip, null when nothing came back
 * @param maxMs       slowest round trip, null when nothing came back
 */
record PingSummary(int transmitted, int received, Double minMs, Double avgMs, Double maxMs) {

    private static final Pattern COUNTS = Pattern.compile(
            "(\\d{1,9}) packets transmitted, (\\d{1,9}) (?:packets )?received");
    private static final Pattern RTT = Pattern.compile(
            "(?:rtt|round-trip) min/avg/max(?:/mdev|/stddev)? = ([0-9.]{1,20})/([0-9.]{1,20})/([0-9.]{1,20})");

    /** The summary in {@code output}, or null when it has none (ping failed before sending: bad address, no route). */
    static PingSummary parse(String output) {
        Matcher counts = COUNTS.matcher(output);
        if (!counts.find()) {
            return null;
        }
        int transmitted = Integer.parseInt(counts.group(1));
        int received = Math.min(transmitted, Integer.parseInt(counts.group(2)));
        Matcher rtt = RTT.matcher(output);
        if (received == 0 || !rtt.find()) {
            return new PingSummary(transmitted, received, null, null, null);
        }
        try {
            return new PingSummary(transmitted, received, Double.valueOf(rtt.group(1)), Double.valueOf(rtt.group(2)),
                    Double.valueOf(rtt.group(3)));
        } catch (NumberFormatException e) {
            return new PingSummary(transmitted, received, null, null, null);
        }
    }

    /** Lost packets in percent, 100 when none was sent. */
    double lossPercent() {
        return transmitted == 0 ? 100 : 100.0 * (transmitted - received) / transmitted;
    }
}
