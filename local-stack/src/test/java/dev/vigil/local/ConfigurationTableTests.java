package dev.vigil.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration table is generated from the services' configuration metadata (written at compile time
 * by spring-boot-configuration-processor from every {@code @ConfigurationProperties} record, plus each module's
 * {@code additional-spring-configuration-metadata.json} for the few properties read otherwise), so it lists every
 * {@code vigil.*} property with its default and meaning and cannot drift. When README.md differs the test fails with
 * the regenerated table; run it with {@code -Dvigil.readme.update=true} to write the table into README.md instead.
 */
class ConfigurationTableTests {

    static final String START = "<!-- The table below is generated from the configuration metadata by local-stack's "
            + "ConfigurationTableTests (-Dvigil.readme.update=true rewrites it); edit the properties' javadoc, not the "
            + "table. -->";
    static final String END = "<!-- End of the generated configuration table. -->";
    private static final Path ROOT = Path.of("..");
    /** Which module a metadata file comes from, by the path of its jar or classes directory. */
    private static final Pattern MODULE = Pattern.compile("/(common|api-service|scheduler-service|probe-worker|"
            + "alerting-service)(?:/target/classes|/target/[^/]+\\.jar|-\\d[^/]*\\.jar)");
    private static final Map<String, String> SERVICE_NAMES = Map.of("common", "all", "api-service", "api",
            "scheduler-service", "scheduler", "probe-worker", "probe", "alerting-service", "alerting");
    private static final List<String> CONFIG_FILES = List.of("vigil-defaults.yml", "api-service.yml",
            "scheduler-service.yml", "probe-worker.yml", "alerting-service.yml");
    /** How the code names properties it reads without a properties record. */
    private static final Pattern PROPERTY_IN_CODE = Pattern.compile(
            "(?:\\$\\{|getProperty\\(\"|name = \"|_PROPERTY = \")(vigil\\.[a-z0-9.-]*[a-z0-9])");

    /** One property as the metadata of every module that declares it describes it. */
    private record Property(String name, String type, String description, Map<String, String> defaults) {
    }

    @Test
    void theReadmeTableIsTheOneTheMetadataDescribes() throws IOException {
        Path readme = ROOT.resolve("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("README.md has the markers of the generated table").isNotNegative();
        assertThat(end).isGreaterThan(start);
        String table = table(properties());
        String current = text.substring(start + START.length(), end).strip();
        if (Boolean.getBoolean("vigil.readme.update") && !current.equals(table)) {
            Files.writeString(readme, text.substring(0, start + START.length()) + "\n\n" + table + "\n\n"
                    + text.substring(end));
            return;
        }
        assertThat(current).as("README.md's configuration table; the regenerated table is below (or run this "
                + "test with -Dvigil.readme.update=true)").isEqualTo(table);
    }

    @Test
    void everyVigilPropertyTheServicesSetOrReadHasMetadata() throws IOException {
        Map<String, Property> properties = properties();
        Set<String> named = new TreeSet<>();
        Yaml yaml = new Yaml();
        for (String file : CONFIG_FILES) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file).isNotNull();
                for (Object document : yaml.loadAll(in)) {
                    if (document instanceof Map<?, ?> map && map.get("vigil") instanceof Map<?, ?> vigil) {
                        flatten("vigil", vigil, named);
                    }
                }
            }
        }
        try (Stream<Path> sources = Files.walk(ROOT)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")
                    && p.toString().contains("src" + java.io.File.separator + "main")).toList()) {
                Matcher m = PROPERTY_IN_CODE.matcher(Files.readString(source));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }

        List<String> undescribed = named.stream().filter(name -> !described(name, properties)).toList();

        assertThat(undescribed).as("vigil.* properties set in the services' configuration files or read in code "
                + "without metadata: describe them in a @ConfigurationProperties record or the module's "
                + "additional-spring-configuration-metadata.json").isEmpty();
        assertThat(properties.values()).allSatisfy(p -> assertThat(p.description()).as(p.name()).isNotBlank());
    }

    /** Every {@code vigil.*} property of the services' metadata, by name. */
    private Map<String, Property> properties() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Property> properties = new TreeMap<>();
        List<URL> files = Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"));
        for (URL file : files) {
            Matcher module = MODULE.matcher(file.toString());
            if (!module.find()) {
                continue;
            }
            String service = SERVICE_NAMES.get(module.group(1));
            JsonNode metadata;
            try (InputStream in = file.openStream()) {
                metadata = json.readTree(in);
            }
            for (JsonNode p : metadata.path("properties")) {
                String name = p.path("name").asString();
                if (!name.startsWith("vigil.")) {
                    continue;
                }
                Property known = properties.computeIfAbsent(name, n -> new Property(n, p.path("type").asString(""),
                        text(p.path("description").asString("")), new LinkedHashMap<>()));
                known.defaults().put(service, p.has("defaultValue") ? value(p.get("defaultValue")) : null);
            }
        }
        assertThat(properties).as("configuration metadata of the services on the classpath").isNotEmpty();
        return properties;
    }

    private static boolean described(String name, Map<String, Property> properties) {
        if (properties.containsKey(name)) {
            return true;
        }
        // Entries of a map or list property: vigil.notify.timeouts.webhook, vigil.regions[0].id.
        return properties.values().stream().anyMatch(p -> (p.type().startsWith("java.util.Map")
                || p.type().startsWith("java.util.List")) && (name.startsWith(p.name() + ".")
                || name.startsWith(p.name() + "[")));
    }

    private static void flatten(String prefix, Map<?, ?> map, Set<String> names) {
        map.forEach((key, value) -> {
            String name = prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, names);
            } else if (value instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?>) {
                for (int i = 0; i < list.size(); i++) {
                    flatten(name + "[" + i + "]", (Map<?, ?>) list.get(i), names);
                }
            } else {
                names.add(name);
            }
        });
    }

    /** The table as README.md shows it. */
    static String table(Map<String, Property> properties) {
        List<String> lines = new ArrayList<>();
        lines.add("| variable | default | service | meaning |");
        lines.add("|---|---|---|---|");
        for (Property p : properties.values()) {
            lines.add("| `" + environmentName(p) + "` | " + defaults(p) + " | " + String.join(", ",
                    p.defaults().keySet()) + " | " + p.description().replace("|", "\\|") + " |");
        }
        return String.join("\n", lines);
    }

    /**
     * The environment variable of a property, as Spring Boot binds it: dots and dashes become underscores, upper
     * case; list entries take an index ({@code VIGIL_REGIONS_0_ID}), map entries a key.
     */
    static String environmentName(Property p) {
        String name = p.name().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        if (p.type().startsWith("java.util.List") && p.type().contains("$")) {
            return name + "_0_…";
        }
        if (p.type().startsWith("java.util.Map")) {
            return name + "_<key>";
        }
        return name;
    }

    private static String defaults(Property p) {
        Set<String> distinct = new TreeSet<>(p.defaults().values().stream().map(String::valueOf).toList());
        if (distinct.size() == 1) {
            String only = p.defaults().values().iterator().next();
            return only == null ? "–" : only.isEmpty() ? "empty" : "`" + only + "`";
        }
        List<String> each = new ArrayList<>();
        p.defaults().forEach((service, value) -> each.add((value == null ? "–" : "`" + value + "`") + " (" + service
                + ")"));
        return String.join(", ", each);
    }

    private static String value(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asString()));
            return String.join(",", items);
        }
        return node.asString();
    }

    /** Javadoc markup as Markdown, on one line. */
    private static String text(String description) {
        return description.replaceAll("\\{@code ([^}]*)}", "`$1`").replaceAll("\\{@link(?:plain)? ([^}]*)}", "$1")
                .replaceAll("\\s+", " ").strip();
    }
}
