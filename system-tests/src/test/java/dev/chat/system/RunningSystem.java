package dev.chat.system;

import dev.chat.local.Backends;
import dev.chat.local.ChatService;
import dev.chat.local.ChildProcess;
import dev.chat.local.FreePorts;
import dev.chat.testing.Repository;
import dev.chat.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged services running as processes against the test PostgreSQL, Redis and issuer, started as ./run starts
 * them. One api-service, relays and gateways as the test asks.
 */
public final class RunningSystem implements AutoCloseable {

    private final Path root = Repository.root();
    private final Path logs;
    private final Backends backends;
    private final Map<String, String> commonSettings;
    private final List<Instance> instances = new ArrayList<>();
    private final Instance api;

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
            this.settings = new HashMap<>(commonSettings);
            this.settings.putAll(settings);
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

        /** Starts the process (again, after it died: its log goes on in the same file) and waits until it is ready. */
        public Instance start() {
            process = service.start(root, name, port, backends, settings, logs);
            return this;
        }
    }

    /** @param testClass names the folder of its processes' logs, target/system-logs/{class}, emptied first */
    public RunningSystem(Class<?> testClass) {
        this(testClass, Map.of());
    }

    /** @param commonSettings settings (environment variables) of every instance */
    public RunningSystem(Class<?> testClass, Map<String, String> commonSettings) {
        this(testClass, commonSettings, TestInfrastructure.get().issuerUrl, TestInfrastructure.get().directoryUrl);
    }

    /** As {@link #RunningSystem(Class, Map)}, trusting another issuer (and its user directory) than the shared one. */
    public RunningSystem(Class<?> testClass, Map<String, String> commonSettings, String issuerUrl,
                         String directoryUrl) {
        this.logs = emptyFolder(Path.of("target", "system-logs", testClass.getSimpleName()).toAbsolutePath());
        this.commonSettings = Map.copyOf(commonSettings);
        TestInfrastructure infra = TestInfrastructure.get();
        backends = Backends.of(infra.postgres(), infra.redis().url(), issuerUrl, directoryUrl);
        api = instance(ChatService.API_SERVICE, "api-service", Map.of()).start();
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
        return startBilling("billing-service", settings);
    }

    /** As {@link #startBilling(Map)}, for a second billing-service beside the first. */
    String startBilling(String name, Map<String, String> settings) {
        return instance(ChatService.BILLING_SERVICE, name, settings).start().httpUrl();
    }

    /** Where this system's processes log (more processes a test starts may log there too). */
    public Path logs() {
        return logs;
    }

    private static Path emptyFolder(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Instance api() {
        return api;
    }

    public String apiUrl() {
        return api.httpUrl();
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
