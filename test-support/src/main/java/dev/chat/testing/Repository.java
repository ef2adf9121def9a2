package dev.chat.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the root of this source tree from a module's working directory (Maven runs tests in the module folder). */
public final class Repository {

    private Repository() {
    }

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("api-service"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("not inside the chat source tree: " + Path.of("").toAbsolutePath());
    }
}
