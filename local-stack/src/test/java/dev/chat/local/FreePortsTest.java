package dev.chat.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void portsAreHandedOutOnceAndBelowTheKernelsEphemeralRange() throws Exception {
        assumeTrue(Files.exists(RANGE), "Linux only");
        String range;
        try (InputStream in = Files.newInputStream(RANGE)) {
            range = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        int start = Integer.parseInt(range.trim().split("\\s+")[0]);
        assertEquals(start, FreePorts.ephemeralStart());
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.next();
            assertTrue(port < start, port + " is in the ephemeral range from " + start);
            assertTrue(ports.add(port), port + " handed out twice");
        }
    }
}
