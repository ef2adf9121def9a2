package dev.chat.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.testing.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code system-tests/browser} with Node.js, which drives Debian's Chromium through playwright-core
 * (no browser download). Installs the scripts' pinned packages on first use; the browser must be installed
 * ({@code apt-get install chromium}, as .ci/run does), or named by {@code CHROMIUM_PATH}.
 */
final class HeadlessChromium {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCRIPTS = Repository.root().resolve("system-tests/browser");

    private HeadlessChromium() {
    }

    /** Runs the script with these arguments and returns the JSON it printed last. */
    static JsonNode run(String script, String... arguments) throws IOException, InterruptedException {
        String chromium = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            throw new IllegalStateException(chromium + " is missing: install Debian's chromium package "
                    + "(apt-get install chromium), or set CHROMIUM_PATH");
        }
        if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
            exec(List.of("npm", "ci", "--no-audit", "--no-fund"), "npm-ci.log");
        }
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        String output = exec(command, script + ".log");
        String[] lines = output.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static String exec(List<String> command, String logName) throws IOException, InterruptedException {
        Path log = Path.of("target", "browser", logName).toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish; see " + log);
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
