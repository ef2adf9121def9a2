package dev.chat.relay;

import dev.chat.testing.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageDependenciesTest {

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        PackageCycles.assertNone("dev.chat.relay");
    }
}
