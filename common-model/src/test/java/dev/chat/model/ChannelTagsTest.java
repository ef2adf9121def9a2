package dev.chat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelTagsTest {

    private static List<String> tags(String content) {
        return List.copyOf(ChannelTags.slugs(content));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "#general                                  | general",
            "see #engineering, please                  | engineering",
            "(#ops) and #design.                       | ops design",
            "#General and #GENERAL                     | general",
            "#dev-ops_2 #2024-plans                    | dev-ops_2 2024-plans",
            "line\\n#ops                               | ops",
            "C# and F# are languages                   | -",
            "a#b &#35; path/#x \\#escaped ##double     | -",
            "`#code` and ``#also `code` `` but #real   | real",
            "```\\n#fenced\\n``` then #after             | after",
            "```\\nunclosed #fence                     | -",
            "https://example.com/#general #next         | next",
            "www.example.com/#anchor <https://x.io/#y> | -",
            "#-dash #_under                            | -",
            "# heading                                 | -",
    })
    void findsTagsByTheGrammar(String content, String expected) {
        String input = content.replace("\\n", "\n");
        List<String> wanted = expected.equals("-") ? List.of() : List.of(expected.split(" "));
        assertEquals(wanted, tags(input));
    }

    @Test
    void aSlugLongerThanTheLimitIsNotATag() {
        String max = "a".repeat(Limits.CHANNEL_SLUG_MAX_CHARS);
        assertEquals(List.of(max), tags("#" + max));
        assertEquals(List.of(), tags("#" + max + "b"));
    }

    @Test
    void atMostTenDistinctTagsAreTakenInOrderOfFirstAppearance() {
        StringBuilder content = new StringBuilder("#c0 #c0 ");
        for (int i = 0; i < 15; i++) {
            content.append("#c").append(i).append(' ');
        }
        List<String> found = tags(content.toString());
        assertEquals(ChannelTags.MAX_TAGS, found.size());
        assertEquals("c0", found.get(0));
        assertEquals("c9", found.get(9));
    }
}
