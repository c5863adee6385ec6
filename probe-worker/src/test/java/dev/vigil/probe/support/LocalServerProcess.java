package dev.vigil.probe.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A database server (MariaDB, Redis) started by a test as its own child process, in a temporary directory, on a free
 * loopback port: tests never depend on the machine's services. {@link #close()} stops it and removes its files.
 */
public final class LocalServerProcess implements AutoCloseable {

    private final Process process;
    private final Path directory;
    private final int port;

    private LocalServerProcess(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** Whether {@code binary} is installed (the tests that need it are skipped with a message otherwise). */
    public static boolean installed(String binary) {
        return Files.isExecutable(Path.of(binary));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} to completion in {@code directory} (set-up steps), failing with its output if it fails. */
    public static void run(Path directory, List<String> command) throws IOException, InterruptedException {
        Path log = directory.resolve("setup.log");
        Process setup = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!setup.waitFor(120, TimeUnit.SECONDS) || setup.exitValue() != 0) {
            setup.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " failed:\n" + Files.readString(log));
        }
    }

    /**
     * Starts {@code command} (which must listen on 127.0.0.1:{@code port}) and waits until the port accepts.
     */
    public static LocalServerProcess start(Path directory, int port, List<String> command)
            throws IOException, InterruptedException {
        Path log = directory.resolve("server.log");
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LocalServerProcess server = new LocalServerProcess(process, directory, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                server.close();
                throw new IllegalStateException(command.getFirst() + " exited:\n" + output);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        server.close();
        throw new IllegalStateException(command.getFirst() + " did not listen on " + port + " within 60 s:\n"
                + Files.readString(log));
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
