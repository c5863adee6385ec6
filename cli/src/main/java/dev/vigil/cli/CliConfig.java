package dev.vigil.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saved login: {@code config.json} in the user's configuration directory ({@code $VIGIL_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/vigil}, else {@code ~/.config/vigil}; {@code %APPDATA%\vigil} on Windows), readable by its
 * owner only (0600, in a 0700 directory), since it holds an API key. {@code VIGIL_API_KEY} and {@code VIGIL_URL}
 * take precedence, so CI never needs the file.
 */
public record CliConfig(String url, String apiKey) {

    public static final String DEFAULT_URL = "http://localhost:8080";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Path defaultDirectory(Map<String, String> env) {
        if (env.get("VIGIL_CONFIG_DIR") != null) {
            return Path.of(env.get("VIGIL_CONFIG_DIR"));
        }
        if (env.get("XDG_CONFIG_HOME") != null) {
            return Path.of(env.get("XDG_CONFIG_HOME"), "vigil");
        }
        if (env.get("APPDATA") != null && !posix()) {
            return Path.of(env.get("APPDATA"), "vigil");
        }
        return Path.of(System.getProperty("user.home"), ".config", "vigil");
    }

    static Path file(Path directory) {
        return directory.resolve("config.json");
    }

    /** The saved configuration, or one with neither URL nor key. */
    static CliConfig load(Path directory) {
        Path file = file(directory);
        if (!Files.exists(file)) {
            return new CliConfig(null, null);
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            return new CliConfig(text(node, "url"), text(node, "apiKey"));
        } catch (IOException | RuntimeException e) {
            throw new CliException(ExitCodes.ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Writes the file owner-only: created with 0600 (never briefly world-readable), its directory 0700. */
    void save(Path directory) {
        Path file = file(directory);
        try {
            if (posix()) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                if (!Files.exists(file)) {
                    Files.createFile(file,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } else {
                Files.createDirectories(directory);
            }
            Map<String, String> values = new LinkedHashMap<>();
            values.put("url", url);
            values.put("apiKey", apiKey);
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
