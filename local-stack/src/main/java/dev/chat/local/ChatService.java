package dev.chat.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The system's services, each a Quarkus fast-jar started as a process of its own. */
public enum ChatService {
    API_SERVICE("api-service", 8080),
    REALTIME_GATEWAY("realtime-gateway", 8081),
    BILLING_SERVICE("billing-service", 8082),
    OUTBOX_RELAY("outbox-relay", 8083);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String LOG_JSON = "QUARKUS_LOG_CONSOLE_JSON_ENABLED";

    private final String module;
    private final int defaultPort;

    ChatService(String module, int defaultPort) {
        this.module = module;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public Path runnableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Where an instance's standard output and error go: appended, so a restarted instance goes on in it. */
    public static Path logFile(Path logDir, String instanceName) {
        return logDir.resolve(instanceName + ".log");
    }

    /**
     * Starts the service on {@code port} and waits until its readiness check answers.
     *
     * @param extraEnv settings for this instance only (e.g. the debounce of a relay under test)
     */
    public ChildProcess start(Path repositoryRoot, String instanceName, int port, Backends backends,
                              Map<String, String> extraEnv, Path logDir) {
        Path jar = runnableJar(repositoryRoot);
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package first");
        }
        Map<String, String> env = new HashMap<>(backends.environment());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Production logs JSON for collectors; a person reads these, unless they asked for JSON themselves.
        if (System.getenv(LOG_JSON) == null) {
            env.put(LOG_JSON, "false");
        }
        env.putAll(extraEnv);
        ChildProcess process = ChildProcess.start(instanceName,
                JavaCommand.quarkusApp(jar, List.of("-Xmx384m", "-XX:+UseSerialGC")), env,
                logFile(logDir, instanceName));
        process.awaitHttpOk("http://127.0.0.1:" + port + "/q/health/ready", READY_TIMEOUT);
        return process;
    }
}
