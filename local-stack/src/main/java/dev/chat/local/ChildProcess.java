package dev.chat.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process started by the launcher or a test, with its output in a log file, stopped gracefully. */
public final class ChildProcess implements AutoCloseable, Supervisor.Part {

    /** HTTP/1.1: the client's default h2c upgrade header makes a Node.js server with a WebSocket proxy hang. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logFile) {
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String whyDead() {
        return "exited with " + process.exitValue() + "; " + logFile + " ends with:\n  "
                + logTail(8).replace("\n", "\n  ");
    }

    /** Stops it as Kubernetes would: SIGTERM, up to 30 s to drain and exit, then SIGKILL. */
    @Override
    public void stop() {
        stop(Duration.ofSeconds(30));
    }

    /**
     * Waits until {@code url} answers 200, failing early (with the log's tail) if the process dies first. A process
     * that never gets ready is killed, so a failed start leaves nothing running.
     */
    public void awaitHttpOk(String url, Duration timeout) {
        try {
            pollHttpOk(url, timeout);
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    private void pollHttpOk(String url, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + logTail());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready at " + url + " within " + timeout + "\n" + logTail());
    }

    public String logTail() {
        return logTail(40);
    }

    /** The last {@code count} lines of the log. */
    public String logTail(int count) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    /** Sends SIGTERM, waits for a clean exit, and kills the process if it does not come. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        terminate();
        if (!awaitExit(grace)) {
            kill();
        }
    }

    /** Sends SIGTERM and returns at once: the process drains and exits in its own time ({@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** @return whether the process exited within {@code timeout} */
    public boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
