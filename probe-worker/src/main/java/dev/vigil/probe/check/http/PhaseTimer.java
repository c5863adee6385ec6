package dev.vigil.probe.check.http;

import dev.vigil.common.message.PhaseTimings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Response;

/**
 * Where one check's time went, from OkHttp's call events. With redirects, DNS, connect and TLS add up over the hops
 * (each hop a fresh connection to a new host); first byte is when the final response's headers began to arrive,
 * counted from the start of the check (curl's {@code time_starttransfer}). Connect is the TCP handshake alone; TLS
 * the TLS handshake after it.
 */
final class PhaseTimer extends EventListener {

    private final long start = System.nanoTime();
    private long dnsStart;
    private long dnsNanos;
    private boolean dns;
    private long connectStart;
    private long connectNanos;
    private boolean connected;
    private long tlsStart;
    private long tlsNanos;
    private boolean tls;
    private long firstByte;

    @Override
    public void dnsStart(Call call, String domainName) {
        dnsStart = System.nanoTime();
    }

    @Override
    public void dnsEnd(Call call, String domainName, List<InetAddress> addresses) {
        dnsNanos += System.nanoTime() - dnsStart;
        dns = true;
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
        connectStart = System.nanoTime();
        tlsStart = 0;
    }

    @Override
    public void secureConnectStart(Call call) {
        tlsStart = System.nanoTime();
        connectNanos += tlsStart - connectStart;
        connected = true;
    }

    @Override
    public void secureConnectEnd(Call call, Handshake handshake) {
        tlsNanos += System.nanoTime() - tlsStart;
        tls = true;
    }

    @Override
    public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
        if (tlsStart == 0) {
            connectNanos += System.nanoTime() - connectStart;
            connected = true;
        }
    }

    @Override
    public void connectFailed(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol,
                              IOException failure) {
        if (tlsStart == 0) {
            connectNanos += System.nanoTime() - connectStart;
            connected = true;
        } else {
            tlsNanos += System.nanoTime() - tlsStart;
            tls = true;
        }
    }

    @Override
    public void responseHeadersStart(Call call) {
        firstByte = System.nanoTime();
    }

    @Override
    public void responseHeadersEnd(Call call, Response response) {
        // nothing more to time: the body is read and timed by the executor
    }

    long elapsedMs() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    PhaseTimings timings() {
        return new PhaseTimings(dns ? ms(dnsNanos) : null, connected ? ms(connectNanos) : null,
                tls ? ms(tlsNanos) : null, firstByte == 0 ? null : ms(firstByte - start));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
