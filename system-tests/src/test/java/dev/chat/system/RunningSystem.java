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
public final class RunningSystem implements AutoCloseable {

    private final Path root = Repository.root();
    private final Path logs = Path.of("target", "system-logs");
    private final Backends backends;
    private final List<Instance> instances = new ArrayList<>();
    final int apiPort;

    /** One service process on a port of its own; it can be killed and started again on the same port. */
    public final class Instance {
        private final ChatService service;
        private final String name;
        private final int port;
        private final Map<String, String> settings;
        private volatile ChildProcess process;

        private Instance(ChatService service, String name, Map<String, String> settings) {
            this.service = service;
            this.name = name;
            this.port = FreePorts.next();
            this.settings = settings;
        }

        public ChildProcess process() {
            return process;
        }

        public String httpUrl() {
            return "http://127.0.0.1:" + port;
        }

        public String wsUrl() {
            return "ws://127.0.0.1:" + port + "/ws";
        }

        /** Starts the process (again, after it died) and waits until it is ready. */
        public Instance start() {
            process = service.start(root, name, port, backends, settings, logs);
            return this;
        }
    }

    public RunningSystem() {
        TestInfrastructure infra = TestInfrastructure.get();
        backends = Backends.of(infra.postgres(), infra.redis().url(), infra.issuerUrl, infra.directoryUrl);
        Instance api = instance(ChatService.API_SERVICE, "api-service", Map.of()).start();
        apiPort = api.port;
    }

    /** A service instance with these settings (environment variables), not started yet. */
    public Instance instance(ChatService service, String name, Map<String, String> settings) {
        Instance instance = new Instance(service, name, settings);
        instances.add(instance);
        return instance;
    }

    ChildProcess startRelay(String name) {
        return instance(ChatService.OUTBOX_RELAY, name, Map.of()).start().process();
    }

    /** Starts a gateway and returns its WebSocket URL. */
    String startGateway(String name) {
        return instance(ChatService.REALTIME_GATEWAY, name, Map.of()).start().wsUrl();
    }

    /** Starts a billing-service with these settings (e.g. its Stripe keys) and returns its base URL. */
    String startBilling(Map<String, String> settings) {
        return instance(ChatService.BILLING_SERVICE, "billing-service", settings).start().httpUrl();
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    @Override
    public void close() {
        for (int i = instances.size() - 1; i >= 0; i--) {
            ChildProcess process = instances.get(i).process;
            if (process != null) {
                process.stop(Duration.ofSeconds(20));
            }
        }
    }
}
