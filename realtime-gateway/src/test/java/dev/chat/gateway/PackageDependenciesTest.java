package dev.chat.gateway;

import dev.chat.testing.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageDependenciesTest {

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        PackageCycles.assertNone("dev.chat.gateway");
    }
}
