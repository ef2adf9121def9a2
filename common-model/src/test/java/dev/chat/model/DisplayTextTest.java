package dev.chat.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"general", "Café Société", "日本語", "🚀", "#", "a b", "x\u200Dy", "e\u0301"})
    void namesWithSomethingToSeeAreTaken(String name) {
        assertEquals(Optional.empty(), DisplayText.nameProblem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\u200B\u200C\u200D\uFEFF", " \u00A0\u3000", "\u0301", "\u2060"})
    void invisibleNamesAreRefused(String name) {
        assertEquals(Optional.of("has no visible character"), DisplayText.nameProblem(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnp\u202Eexe", "a\u2066b", "\u200Fx", "x\u061C", "a\nb", "a\tb", "\u001Bx", "x\u0085"})
    void controlAndBidiCharactersAreRefusedInNamesAndLabels(String text) {
        assertTrue(DisplayText.nameProblem(text).isPresent());
        assertTrue(DisplayText.labelProblem(text).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Release notes: see #eng"})
    void labelsMayBeEmpty(String label) {
        assertEquals(Optional.empty(), DisplayText.labelProblem(label));
    }
}
