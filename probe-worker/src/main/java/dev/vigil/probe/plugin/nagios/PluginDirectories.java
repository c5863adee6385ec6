package dev.vigil.probe.plugin.nagios;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The allow-list of plugin directories. A plugin is named by a bare file name ({@code check_http}); it is looked up
 * only inside these directories, in order, and must resolve (symbolic links followed) to a regular executable file
 * that is still inside the directory it was found in, so neither {@code ../}, an absolute path nor a link pointing
 * elsewhere can run anything else.
 */
public final class PluginDirectories {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final List<Path> directories;

    public PluginDirectories(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Whether {@code name} is a bare plugin name (letters, digits, '.', '_', '-'; no path, no "..": ). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches() && !name.contains("..");
    }

    /** The executable a plugin name stands for, or empty when no allowed directory holds one by that name. */
    public Optional<Path> find(String name) {
        if (!isValidName(name)) {
            return Optional.empty();
        }
        for (Path directory : directories) {
            Optional<Path> found = inside(directory, name);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The names of every runnable plugin, first directory first, each name once. */
    public List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(directory)) {
                entries.map(p -> p.getFileName().toString()).sorted()
                        // utils.sh and utils.pm ship with the plugins as their helper libraries; they check nothing.
                        .filter(name -> !name.startsWith("utils."))
                        .filter(name -> inside(directory, name).isPresent())
                        .forEach(names::add);
            } catch (IOException e) {
                // an unreadable directory offers nothing
            }
        }
        return new ArrayList<>(names);
    }

    private static Optional<Path> inside(Path directory, String name) {
        if (!isValidName(name)) {
            return Optional.empty();
        }
        try {
            Path root = directory.toRealPath();
            Path real = directory.resolve(name).toRealPath();
            if (!real.startsWith(root) || !Files.isRegularFile(real) || !Files.isExecutable(real)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
