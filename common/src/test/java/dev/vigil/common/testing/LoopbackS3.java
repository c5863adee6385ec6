package dev.vigil.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an S3-compatible store on loopback, path-style ({@code /bucket/key}), that records what the AWS SDK
 * sends and serves it back: PUT keeps the object, GET returns it (or S3's {@code NoSuchKey} error), DELETE removes it
 * (204 whether or not it was there, as S3 answers). A request without a SigV4 {@code Authorization} header, or for
 * another bucket, is refused as S3 would, so a test sees that the SDK signed and addressed it.
 */
public final class LoopbackS3 implements AutoCloseable {

    /** One request as received: method, path (bucket and key), the headers that matter, the body. */
    public record Request(String method, String path, String contentType, String authorization, byte[] body) {
    }

    private final HttpServer server;
    private final String bucket;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean refuseDeletes;

    private LoopbackS3(String bucket) throws IOException {
        this.bucket = bucket;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public static LoopbackS3 start(String bucket) {
        try {
            return new LoopbackS3(bucket);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint to configure ({@code http://127.0.0.1:port}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * While {@code true}, every DELETE is refused with S3's {@code AccessDenied} (a policy or credentials gone wrong),
     * keeping the object, so a test sees what its caller does when the store will not delete.
     */
    public void refuseDeletes(boolean refuse) {
        this.refuseDeletes = refuse;
    }

    /** The objects held, by key (without the bucket). */
    public Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String contentSha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
            if (contentSha != null && contentSha.startsWith("STREAMING-")) {
                // SigV4 streaming upload (the SDK's choice over plain HTTP): the object is the chunks' data.
                body = awsChunked(body);
            }
            String path = exchange.getRequestURI().getRawPath();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Request(exchange.getRequestMethod(), path,
                    exchange.getRequestHeaders().getFirst("Content-Type"), authorization, body));
            if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
                error(exchange, 403, "AccessDenied", "no SigV4 signature");
                return;
            }
            String prefix = "/" + bucket + "/";
            if (!path.startsWith(prefix) || path.length() == prefix.length()) {
                error(exchange, 404, "NoSuchBucket", "only " + bucket + " is here");
                return;
            }
            String key = java.net.URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    objects.put(key, body);
                    exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(
                            java.util.Arrays.hashCode(body)) + "\"");
                    exchange.sendResponseHeaders(200, -1);
                }
                case "GET" -> {
                    byte[] object = objects.get(key);
                    if (object == null) {
                        error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
                        return;
                    }
                    exchange.getResponseHeaders().add("Content-Type", "image/png");
                    exchange.sendResponseHeaders(200, object.length);
                    exchange.getResponseBody().write(object);
                }
                case "DELETE" -> {
                    if (refuseDeletes) {
                        error(exchange, 403, "AccessDenied", "deletes are refused");
                        return;
                    }
                    objects.remove(key);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> error(exchange, 405, "MethodNotAllowed", exchange.getRequestMethod());
            }
        } finally {
            exchange.close();
        }
    }

    /** The data of an {@code aws-chunked} body: {@code hex-size[;chunk-signature=...]\r\n data \r\n}... to size 0. */
    private static byte[] awsChunked(byte[] body) {
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOfCrlf(body, at);
            if (lineEnd < 0) {
                break;
            }
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";", 2)[0].trim(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            data.write(body, at, size);
            at += size + 2;
        }
        return data.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>loopback</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, xml.length);
        exchange.getResponseBody().write(xml);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
