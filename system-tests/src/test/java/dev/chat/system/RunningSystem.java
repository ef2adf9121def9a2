package dev.chat.system;

import dev.chat.local.Backends;
import dev.chat.local.ChatService;
import dev.chat.local.ChildProcess;
import dev.chat.local.FreePorts;
import dev.chat.testing.Repository;
import dev.chat.testing.TestInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged services running as processes against the test PostgreSQL, Redis and issuer, started as ./run starts
 * them. One api-service, relays and gateways as the test asks.
 */
final class RunningSystem implements AutoCloseable {

    private final Path root = Repository.root();
    private final Path logs = Path.of("target", "system-logs");
    private final Backends backends;
    private final List<ChildProcess> processes = new ArrayList<>();
    final int apiPort;

    RunningSystem() {
        TestInfrastructure infra = TestInfrastructure.get();
        backends = Backends.of(infra.postgres(), infra.redis().url(), infra.issuerUrl, infra.directoryUrl);
        apiPort = FreePorts.next();
        processes.add(ChatService.API_SERVICE.start(root, "api-service", apiPort, backends, Map.of(), logs));
    }

    ChildProcess startRelay(String name) {
        return start(ChatService.OUTBOX_RELAY, name, FreePorts.next());
    }

    /** Starts a gateway and returns its WebSocket URL. */
    String startGateway(String name) {
        int port = FreePorts.next();
        start(ChatService.REALTIME_GATEWAY, name, port);
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** Starts a billing-service with these settings (e.g. its Stripe keys) and returns its base URL. */
    String startBilling(Map<String, String> settings) {
        int port = FreePorts.next();
        processes.add(ChatService.BILLING_SERVICE.start(root, "billing-service", port, backends, settings, logs));
        return "http://127.0.0.1:" + port;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    private ChildProcess start(ChatService service, String name, int port) {
        ChildProcess process = service.start(root, name, port, backends, Map.of(), logs);
        processes.add(process);
        return process;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(Duration.ofSeconds(10));
        }
    }
}
