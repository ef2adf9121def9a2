package dev.chat.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Cases per endpoint and how they were answered, as the table docs/reliability.md shows. */
public final class FuzzReport {

    private final Map<String, Map<String, AtomicInteger>> outcomes = new TreeMap<>();

    void count(String endpoint, String outcome) {
        outcomes.computeIfAbsent(endpoint, e -> new TreeMap<>()).computeIfAbsent(outcome, o -> new AtomicInteger())
                .incrementAndGet();
    }

    public int cases() {
        return outcomes.values().stream().flatMap(m -> m.values().stream()).mapToInt(AtomicInteger::get).sum();
    }

    public String table(String title, long seed) {
        StringBuilder table = new StringBuilder("### " + title + " (seed " + seed + ", " + cases() + " cases)\n\n"
                + "| endpoint | cases | answers |\n|---|---|---|\n");
        outcomes.forEach((endpoint, answers) -> {
            int total = answers.values().stream().mapToInt(AtomicInteger::get).sum();
            StringBuilder shown = new StringBuilder();
            answers.forEach((outcome, count) -> shown.append(shown.isEmpty() ? "" : ", ").append(outcome)
                    .append(" ×").append(count.get()));
            table.append("| ").append(endpoint).append(" | ").append(total).append(" | ").append(shown)
                    .append(" |\n");
        });
        return table.toString();
    }

    /** Writes the table beside the build's other reports and returns it. */
    public String write(Path file, String title, long seed) {
        String table = table(title, seed);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
