package dev.chat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlugsTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "Acme                      | acme",
            "Acme, Inc.                | acme-inc",
            "  --Acme--  Labs!!        | acme-labs",
            "Café Société              | cafe-societe",
            "Ærøskøbing Ångström       | aeroskobing-angstrom",
            "Straße 42                 | strasse-42",
            "ＦＵＬＬ width            | full-width",
            "東京チーム                 | workspace",
            "!!!                       | workspace",
            "R&D / Ops_Team            | r-d-ops-team",
            "emoji 🚀 launch           | emoji-launch",
    })
    void makesReadableSlugs(String name, String expected) {
        assertEquals(expected, Slugs.from(name, 64, "workspace"));
    }

    @Test
    void longNamesAreCutAtAWordBoundary() {
        assertEquals("the-quick-brown-fox", Slugs.from("The quick brown fox jumps over", 22, "x"));
        assertEquals("abcdefghij", Slugs.from("abcdefghijklmnop", 10, "x"));
    }

    @Test
    void candidatesNumberFromTwoAndKeepWithinTheLength() {
        assertEquals("acme", Slugs.candidate("acme", 1, 64));
        assertEquals("acme-2", Slugs.candidate("acme", 2, 64));
        assertEquals("abcdefg-12", Slugs.candidate("abcdefghij", 12, 10));
        assertEquals("abc-12", Slugs.candidate("abc-efghij", 12, 7));
    }
}
