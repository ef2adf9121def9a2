package dev.chat.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code java} command lines for child processes, using the same JDK as the current one. */
public final class JavaCommand {

    private JavaCommand() {
    }

    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A Quarkus service packaged as a fast-jar ({@code target/quarkus-app/quarkus-run.jar}). */
    public static List<String> quarkusApp(Path quarkusRunJar, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(quarkusRunJar.toString());
        return command;
    }

    /** A main class of this module, run on this module's class path (written at build time). */
    public static List<String> localStack(Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(localStackClasspath());
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    static String localStackClasspath() {
        try (InputStream in = JavaCommand.class.getResourceAsStream("/local-stack.classpath")) {
            if (in == null) {
                throw new IllegalStateException("local-stack.classpath missing: build local-stack with Maven first");
            }
            String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String ownCode = Path.of(JavaCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            return ownCode + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
