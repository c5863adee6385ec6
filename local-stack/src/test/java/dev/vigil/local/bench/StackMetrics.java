package dev.vigil.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the running stack says about itself: each service's Prometheus metrics (their ports are in the stack's start-up
 * lines) and the depth of its queues (straight from the embedded SQS server).
 */
final class StackMetrics implements AutoCloseable {

    private static final Pattern SERVICE_LINE = Pattern.compile("^\\s+(\\S.*?)\\s+http://localhost:(\\d+)/actuator");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final SqsAsyncClient sqs;

    StackMetrics(Path stackLog, URI sqsEndpoint) throws IOException {
        for (String line : Files.readAllLines(stackLog)) {
            Matcher m = SERVICE_LINE.matcher(line);
            if (m.find()) {
                ports.put(m.group(1).trim(), Integer.parseInt(m.group(2)));
            }
        }
        this.sqs = SqsAsyncClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"))).build();
    }

    /** The sum over every service of a metric's samples whose line contains all of {@code labels}. */
    double sum(String metric, String... labels) {
        double total = 0;
        for (int port : ports.values()) {
            String exposition;
            try {
                exposition = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException | InterruptedException e) {
                continue;
            }
            for (String line : exposition.split("\n")) {
                if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                    continue;
                }
                boolean matches = true;
                for (String label : labels) {
                    matches &= line.contains(label);
                }
                if (matches) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return total;
    }

    /** Messages waiting (visible + in flight) per kind of queue: checks, confirm, results. */
    Map<String, Long> queueDepths() {
        Map<String, Long> depths = new LinkedHashMap<>();
        depths.put("checks", 0L);
        depths.put("confirm", 0L);
        depths.put("results", 0L);
        List<String> urls = new ArrayList<>(sqs.listQueues().join().queueUrls());
        for (String url : urls) {
            if (url.endsWith("-dlq")) {
                continue;
            }
            String kind = url.contains("-checks-") ? "checks" : url.endsWith("-confirm") ? "confirm"
                    : url.endsWith("/results") ? "results" : null;
            if (kind == null) {
                continue;
            }
            Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).join().attributes();
            long n = Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                    + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
            depths.merge(kind, n, Long::sum);
        }
        return depths;
    }

    @Override
    public void close() {
        sqs.close();
    }
}
