package dev.chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alerts and the dashboard watch metrics the services publish: every {@code chat_*} or {@code http_server_*}
 * series they query is one docs/operating.md documents (the services' own tests assert that each is published).
 */
class MonitoringTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath();
    private static final Pattern METRIC = Pattern.compile("\\b((?:chat|http_server)_[a-z_]+)");
    private static final Pattern SUFFIX = Pattern.compile("_(count|sum|max|bucket)$");

    @Test
    void everyMetricTheAlertsAndTheDashboardQueryIsDocumented() throws Exception {
        String documented = Files.readString(DEPLOY.getParent().resolve("docs/operating.md"));
        Set<String> queried = new TreeSet<>();
        queried.addAll(metrics(Files.readString(DEPLOY.resolve("base/monitoring.yaml"))));
        queried.addAll(metrics(Files.readString(DEPLOY.resolve("dashboards/chat.json"))));
        assertTrue(queried.size() >= 10, "queried: " + queried);
        List<String> undocumented = queried.stream()
                .filter(name -> !Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(documented).find())
                .toList();
        assertEquals(List.of(), undocumented, "queried but not in docs/operating.md");
    }

    @Test
    void theDashboardIsGrafanaJson() throws Exception {
        var dashboard = new ObjectMapper().readTree(DEPLOY.resolve("dashboards/chat.json").toFile());
        assertEquals("chat-overview", dashboard.path("uid").asText());
        dashboard.path("panels").forEach(panel -> assertTrue(panel.path("targets").size() > 0,
                panel.path("title").asText()));
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC.matcher(text);
        while (matcher.find()) {
            names.add(SUFFIX.matcher(matcher.group(1)).replaceFirst(""));
        }
        return names;
    }
}
