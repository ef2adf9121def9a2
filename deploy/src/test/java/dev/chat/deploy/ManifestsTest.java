package dev.chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay renders, holds only what the Kubernetes API defines, and keeps the promises an operator relies on
 * (deploy/README.md): probes on ports the containers listen on and paths they serve, settings the services read,
 * images named as the build names them, the gateway's grace period covering its drain, and the security posture.
 */
class ManifestsTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath();
    private static final Path ROOT = DEPLOY.getParent();
    private static final List<String> SERVICES = List.of("api-service", "billing-service", "outbox-relay",
            "realtime-gateway");
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/started", "/q/health/ready", "/q/health/live");
    private static final Map<String, RenderedOverlay> OVERLAYS = new HashMap<>();
    private static final Map<String, ServiceSettings> SETTINGS = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        for (String overlay : overlays().toList()) {
            OVERLAYS.put(overlay, RenderedOverlay.render(DEPLOY, overlay));
        }
        for (String service : SERVICES) {
            SETTINGS.put(service, new ServiceSettings(ROOT, service));
        }
    }

    static Stream<String> overlays() {
        return Stream.of("dev", "prod");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsOneTheKubernetesApiDefines(String overlay) {
        RenderedOverlay rendered = OVERLAYS.get(overlay);
        assertEquals(List.of(), rendered.schemaViolations);
        assertFalse(rendered.objects.isEmpty());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerProbesAPortItListensOnAndAPathItServes(String overlay) {
        for (String service : SERVICES) {
            Container container = container(overlay, service);
            List<ContainerPort> ports = container.getPorts();
            assertEquals(1, ports.size(), service);
            assertEquals(SETTINGS.get(service).httpPort(), ports.get(0).getContainerPort(),
                    service + " listens on quarkus.http.port");
            for (Probe probe : new Probe[] {container.getStartupProbe(), container.getReadinessProbe(),
                    container.getLivenessProbe()}) {
                assertNotNull(probe, service + " has all three probes");
                HTTPGetAction get = probe.getHttpGet();
                assertTrue(HEALTH_PATHS.contains(get.getPath()), service + " probes " + get.getPath());
                assertEquals(ports.get(0).getName(), get.getPort().getStrVal(), service + " probes its own port");
            }
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySettingGivenToAServiceIsOneItReads(String overlay) {
        RenderedOverlay rendered = OVERLAYS.get(overlay);
        Map<String, List<String>> readersBySource = new HashMap<>();
        for (String service : SERVICES) {
            Container container = container(overlay, service);
            for (EnvVar variable : container.getEnv()) {
                assertTrue(SETTINGS.get(service).reads(variable.getName()),
                        service + " does not read " + variable.getName());
            }
            for (EnvFromSource source : container.getEnvFrom()) {
                String name = source.getConfigMapRef() != null ? source.getConfigMapRef().getName()
                        : source.getSecretRef().getName();
                readersBySource.computeIfAbsent(name, n -> new ArrayList<>()).add(service);
            }
        }
        // A shared source's keys must each be read by some service it is given to (a misspelt key is read by none).
        rendered.all(ConfigMap.class).forEach(map -> check(map.getMetadata().getName(), map.getData(),
                readersBySource));
        rendered.all(Secret.class).forEach(secret -> check(secret.getMetadata().getName(),
                secret.getData() != null ? secret.getData() : secret.getStringData(), readersBySource));
    }

    private static void check(String source, Map<String, String> keys, Map<String, List<String>> readers) {
        List<String> services = readers.getOrDefault(source, List.of());
        if (services.isEmpty() || keys == null) {
            return; // given to no service (the dev stores' own settings)
        }
        for (String key : keys.keySet()) {
            assertTrue(services.stream().anyMatch(service -> SETTINGS.get(service).reads(key)),
                    source + "." + key + " is read by none of " + services);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesAreNamedAsTheBuildNamesThem(String overlay) {
        for (String service : SERVICES) {
            String image = container(overlay, service).getImage();
            String repository = image.substring(0, image.lastIndexOf(':'));
            assertTrue(repository.endsWith("/" + SETTINGS.get(service).imageRepository()),
                    image + " is not " + SETTINGS.get(service).imageRepository());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGatewaysGracePeriodCoversItsDrain(String overlay) {
        Deployment gateway = OVERLAYS.get(overlay).named(Deployment.class, "realtime-gateway");
        PodSpec pod = gateway.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
        Duration delay = duration(setting(container, "realtime-gateway", "chat.gateway.drain-delay"));
        Duration window = duration(setting(container, "realtime-gateway", "chat.gateway.drain-window"));
        long needed = preStop + delay.toSeconds() + window.toSeconds() + 5; // flush and exit
        assertTrue(pod.getTerminationGracePeriodSeconds() >= needed,
                "grace " + pod.getTerminationGracePeriodSeconds() + " s < preStop " + preStop + " + drain " + delay
                        + " + " + window + " + 5 s");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceRunsLockedDownWithBudgetsAndLimits(String overlay) {
        RenderedOverlay rendered = OVERLAYS.get(overlay);
        for (String service : SERVICES) {
            Deployment deployment = rendered.named(Deployment.class, service);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), service);
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), service);
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), service);
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), service);
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), service);
            assertNotNull(container.getResources().getRequests().get("cpu"), service);
            assertNotNull(container.getResources().getLimits().get("memory"), service);
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(rendered.all(PodDisruptionBudget.class).stream().anyMatch(budget ->
                    podLabels.entrySet().containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet())),
                    service + " has a PodDisruptionBudget");
            Service front = rendered.named(Service.class, service);
            assertTrue(podLabels.entrySet().containsAll(front.getSpec().getSelector().entrySet()),
                    "Service " + service + " selects its pods");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theIngressAndTheMonitorsReachServicesThatExist(String overlay) {
        RenderedOverlay rendered = OVERLAYS.get(overlay);
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                IngressServiceBackend backend = path.getBackend().getService();
                Service target = rendered.named(Service.class, backend.getName());
                assertTrue(target.getSpec().getPorts().stream().map(ServicePort::getPort)
                        .anyMatch(port -> port.equals(backend.getPort().getNumber())), path.getPath());
            }));
        }
        ServiceMonitor monitor = rendered.named(ServiceMonitor.class, "chat");
        assertEquals("/q/metrics", monitor.getSpec().getEndpoints().get(0).getPath());
        for (String service : SERVICES) {
            assertTrue(rendered.named(Service.class, service).getSpec().getPorts().stream()
                    .anyMatch(port -> port.getName().equals(monitor.getSpec().getEndpoints().get(0).getPort())));
        }
        PrometheusRule rules = rendered.named(PrometheusRule.class, "chat");
        assertTrue(rules.getSpec().getGroups().get(0).getRules().size() >= 5);
    }

    private static Container container(String overlay, String service) {
        return OVERLAYS.get(overlay).named(Deployment.class, service).getSpec().getTemplate().getSpec()
                .getContainers().get(0);
    }

    /** A setting as the container gets it: its env form if set there, else the service's properties. */
    private static String setting(Container container, String service, String property) {
        String environmentName = ServiceSettings.asEnvironmentName(property);
        return container.getEnv().stream().filter(variable -> variable.getName().equals(environmentName))
                .map(EnvVar::getValue).findFirst().orElseGet(() -> SETTINGS.get(service).property(property));
    }

    private static Duration duration(String value) {
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
    }
}
