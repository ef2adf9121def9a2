package dev.chat.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks loopback ports nobody is listening on, so tests never collide with machine services. They are picked below
 * the kernel's ephemeral range: a port is chosen a while before its server binds it, and meanwhile the outgoing
 * connections of everything starting (database pools, Redis clients) take their local ports from that range, which
 * could otherwise take the chosen one. A port is handed out once per process.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < 200 && below > LOWEST; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        return anyFree();
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Where the kernel starts picking local ports for outgoing connections (32768 on Linux by default). Read as a
     * stream: /proc reports a size that is not the content's, and a read sized by it returns a fragment.
     */
    static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** Where there is no such range (not Linux), whatever port the system offers. */
    private static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            int port = socket.getLocalPort();
            HANDED_OUT.add(port);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
