package dev.chat.http.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.model.protocol.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalogue clients read (docs/protocol.md, "Error codes") lists every code with the status it is given. */
class ErrorCatalogueTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\| (\\d{3}|—) \\|", Pattern.MULTILINE);

    @Test
    void protocolMdListsEveryCodeWithItsStatus() throws IOException {
        String protocol = Files.readString(Path.of("..", "docs", "protocol.md"));
        String section = protocol.substring(protocol.indexOf("## Error codes"), protocol.indexOf("## Connecting"));
        Map<String, String> documented = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            documented.put(row.group(1), row.group(2));
        }
        Map<String, String> catalogue = Arrays.stream(ErrorCode.values()).collect(Collectors.toMap(ErrorCode::code,
                code -> code.http() ? String.valueOf(code.status()) : "—", (a, b) -> a, TreeMap::new));
        assertEquals(catalogue, documented);
    }

    @Test
    void aRefusalAnswersWithItsCodesStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.http()) {
                Problem problem = (Problem) new ProblemMappers()
                        .apiException(new ApiException(code, "detail")).getEntity();
                assertEquals(code.status(), problem.status(), code.code());
                assertEquals(code.code(), problem.code());
            }
        }
    }
}
