package dev.chat.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a service's application.properties says about the settings it reads, its port and its image. */
final class ServiceSettings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");

    final String module;
    private final Properties properties = new Properties();
    private final Set<String> environmentNames = new HashSet<>();

    ServiceSettings(Path repositoryRoot, String module) throws IOException {
        this.module = module;
        Path file = repositoryRoot.resolve(module).resolve("src/main/resources/application.properties");
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                environmentNames.add(asEnvironmentName(key)); // how Quarkus maps a property to the environment
            }
            Matcher placeholders = PLACEHOLDER.matcher(properties.getProperty(key));
            while (placeholders.find()) {
                environmentNames.add(placeholders.group(1));
            }
        }
    }

    /** Whether the service reads this environment variable: a placeholder, or a property it sets, in env form. */
    boolean reads(String environmentName) {
        return environmentNames.contains(environmentName);
    }

    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    String property(String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new AssertionError(module + "'s application.properties does not set " + key);
        }
        return value;
    }

    /** group/name as the image build pushes it (quarkus.container-image.*). */
    String imageRepository() {
        return property("quarkus.container-image.group") + "/" + property("quarkus.container-image.name");
    }

    static String asEnvironmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
