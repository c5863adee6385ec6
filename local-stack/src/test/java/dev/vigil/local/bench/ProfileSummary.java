package dev.vigil.local.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A flame graph as text: the CPU samples of a Java Flight Recording ({@code jdk.ExecutionSample}) by the part of the
 * stack they work for (the component, from the frames of the whole stack), by the library of the innermost non-JDK
 * frame, by the innermost frame of Vigil's own code (callees included), and the hottest methods by self time; plus the time spent in GC pauses.
 *
 * <p>Arguments: {@code recording.jfr [top=25]}.
 */
public final class ProfileSummary {

    /** Components in priority order: the first one any frame of a stack belongs to is the stack's. */
    private static final List<String[]> COMPONENTS = List.of(
            new String[] {"org.elasticmq", "ElasticMQ (embedded SQS server)"},
            new String[] {"org.apache.pekko", "ElasticMQ (embedded SQS server)"},
            new String[] {"dev.vigil.probe.check", "probe: running checks"},
            new String[] {"dev.vigil.probe", "probe: job handling"},
            new String[] {"dev.vigil.alerting.ingest", "alerting: ingest"},
            new String[] {"dev.vigil.alerting.evaluation", "alerting: evaluation"},
            new String[] {"dev.vigil.alerting.notify", "alerting: notify"},
            new String[] {"dev.vigil.alerting", "alerting: other"},
            new String[] {"dev.vigil.scheduler", "scheduler"},
            new String[] {"dev.vigil.common.sqs", "SQS consumer/publisher (common)"},
            new String[] {"dev.vigil.api", "api"},
            new String[] {"org.apache.catalina", "api"},
            new String[] {"software.amazon.awssdk", "AWS SDK client (async callbacks)"},
            new String[] {"io.netty", "Netty (SDK client or ElasticMQ I/O)"},
            new String[] {"com.zaxxer.hikari", "JDBC pool housekeeping"},
            new String[] {"io.micrometer", "metrics"});

    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"tools.jackson", "jackson"}, new String[] {"com.fasterxml.jackson", "jackson"},
            new String[] {"io.netty", "netty"}, new String[] {"software.amazon.awssdk", "aws-sdk"},
            new String[] {"org.apache.pekko", "pekko"}, new String[] {"org.elasticmq", "elasticmq"},
            new String[] {"scala.", "scala"}, new String[] {"spray.", "spray-json"},
            new String[] {"org.postgresql", "pgjdbc"}, new String[] {"io.micrometer", "micrometer"},
            new String[] {"org.springframework", "spring"}, new String[] {"com.zaxxer", "hikari"},
            new String[] {"dev.vigil", "vigil"}, new String[] {"ch.qos.logback", "logback"},
            new String[] {"org.slf4j", "slf4j"}, new String[] {"org.apache", "apache (tomcat, ...)"});

    private ProfileSummary() {
    }

    public static void main(String[] args) throws IOException {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> libraries = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> vigil = new HashMap<>();
        Map<String, Map<String, Integer>> methodsByComponent = new HashMap<>();
        int samples = 0;
        Duration gc = Duration.ZERO;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gc = gc.plus(event.getDuration());
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                RecordedFrame leaf = frames.getFirst();
                methods.merge(name(leaf), 1, Integer::sum);
                String component = component(frames);
                components.merge(component, 1, Integer::sum);
                methodsByComponent.computeIfAbsent(component, c -> new HashMap<>()).merge(name(leaf), 1, Integer::sum);
                libraries.merge(library(frames), 1, Integer::sum);
                vigil.merge(frames.stream().filter(f -> className(f).startsWith("dev.vigil.")).findFirst()
                        .map(ProfileSummary::name).orElse("(no Vigil frame)"), 1, Integer::sum);
            }
        }
        System.out.printf("CPU samples: %d; GC pauses: %.1f s in total%n", samples, gc.toMillis() / 1000.0);
        print("by component (whole stack)", components, samples, top);
        print("by library of the innermost non-JDK frame", libraries, samples, top);
        print("by innermost Vigil frame (what our code was doing, callees included)", vigil, samples, top);
        print("hottest methods (self)", methods, samples, top);
        int total = samples;
        components.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(4)
                .forEach(c -> print("hottest methods (self) in " + c.getKey(), methodsByComponent.get(c.getKey()),
                        total, 8));
    }

    private static String component(List<RecordedFrame> frames) {
        for (String[] c : COMPONENTS) {
            for (RecordedFrame frame : frames) {
                if (className(frame).startsWith(c[0])) {
                    return c[1];
                }
            }
        }
        String root = className(frames.getLast());
        return "other (" + root.substring(0, Math.max(root.lastIndexOf('.'), 0)) + ")";
    }

    private static String library(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String cls = className(frame);
            for (String[] l : LIBRARIES) {
                if (cls.startsWith(l[0])) {
                    return l[1];
                }
            }
        }
        return "jdk only";
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : frame.getMethod().getType().getName();
    }

    private static String name(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        String cls = frame.getMethod().getType().getName();
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethod().getName() + " ("
                + cls.substring(0, Math.max(cls.lastIndexOf('.'), 0)) + ")";
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top) {
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }
}
