package dev.chat.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An overlay as {@code kubectl kustomize} renders it, each object read into the Kubernetes API's own model (fabric8's,
 * generated from the API's OpenAPI schemas): a field the API does not have, or a value of the wrong type, is an error.
 */
final class RenderedOverlay {

    /** The kinds the manifests may hold, by apiVersion/kind. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
            "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper MODEL = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // replicas: "2" is not a number to the API
            .build();

    final String name;
    final List<HasMetadata> objects = new ArrayList<>();
    /** Unknown fields and unreadable objects, as "Kind/name: what". */
    final List<String> schemaViolations = new ArrayList<>();

    private RenderedOverlay(String name) {
        this.name = name;
    }

    static RenderedOverlay render(Path deployDir, String overlay) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", deployDir.resolve("overlays").resolve(overlay)
                .toString()).redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + overlay + " failed:\n" + output);
        }
        RenderedOverlay rendered = new RenderedOverlay(overlay);
        try (YAMLParser parser = new YAMLFactory().createParser(output)) {
            for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                rendered.read(document);
            }
        }
        return rendered;
    }

    private void read(JsonNode document) {
        String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        String label = document.path("kind").asText() + "/" + document.path("metadata").path("name").asText();
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) {
            schemaViolations.add(label + ": " + type + " is not a kind these manifests may use");
            return;
        }
        try {
            HasMetadata object = MODEL.treeToValue(document, kind);
            UnknownFields.find(object, label, schemaViolations);
            objects.add(object);
        } catch (IOException e) {
            schemaViolations.add(label + ": " + e.getMessage());
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T named(Class<T> kind, String objectName) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().startsWith(objectName)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no " + kind.getSimpleName() + " " + objectName));
    }
}
