package io.aitbc.miner.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

/**
 * Each kustomize overlay renders, and every object in it is valid as far as can be told without a cluster (D32):
 * known fields of the right types only, selectors that match their pods, probes on declared ports, and environment
 * variables that the agent reads and the README documents (or that the README lists as runtime-only). The systemd
 * environment file is held to the same table.
 */
class ManifestTest {

    /** The drain deadline's default ({@code MINER_DRAIN_TIMEOUT}): the pod's grace period must exceed it. */
    private static final long DRAIN_TIMEOUT_SECONDS = 60;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Path SYSTEMD_ENV = Path.of("deploy", "systemd", "aitbc-miner.env.example");
    /** {@code NAME=value}, also commented out ({@code #NAME=value}): every variable the file suggests. */
    private static final Pattern ASSIGNMENT = Pattern.compile("#?([A-Z][A-Z0-9_]*)=.*");

    static Stream<String> overlays() throws IOException {
        return Kustomize.overlays();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectHasOnlyKnownFields(String overlay) throws IOException {
        List<HasMetadata> objects = render(overlay);

        assertThat(objects).extracting(HasMetadata::getKind)
                .contains("Namespace", "ServiceAccount", "ConfigMap", "Service", "DaemonSet");
        for (HasMetadata object : objects) {
            assertThat(UnknownFields.in(object, object.getKind() + "/" + object.getMetadata().getName()))
                    .as("fields no Kubernetes schema defines").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void selectorsMatchThePodsAndProbesUseDeclaredPorts(String overlay) throws IOException {
        List<HasMetadata> objects = render(overlay);
        for (DaemonSet daemonSet : PodTemplates.daemonSets(objects)) {
            PodTemplateSpec template = daemonSet.getSpec().getTemplate();
            Map<String, String> labels = template.getMetadata().getLabels();
            assertThat(labels).as("pod labels").containsAllEntriesOf(daemonSet.getSpec().getSelector().getMatchLabels());
            objects.stream().filter(Service.class::isInstance).map(Service.class::cast).forEach(
                    service -> assertThat(labels).as("labels selected by %s", service.getMetadata().getName())
                            .containsAllEntriesOf(service.getSpec().getSelector()));
            for (Container container : PodTemplates.containers(template)) {
                PodTemplates.probePorts(container).forEach((probe, port) -> assertThat(
                        PodTemplates.declares(container, port))
                        .as("%s probe port %s of %s is a container port", probe, port, container.getName()).isTrue());
            }
            assertThat(template.getSpec().getTerminationGracePeriodSeconds()).as("grace period beyond the drain")
                    .isGreaterThan(DRAIN_TIMEOUT_SECONDS);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyVariableSetIsKnownToTheAgentAndDocumented(String overlay) throws IOException {
        List<HasMetadata> objects = render(overlay);
        Set<String> documented = ReadmeEnvTables.read().all();
        for (DaemonSet daemonSet : PodTemplates.daemonSets(objects)) {
            for (Container container : PodTemplates.containers(daemonSet.getSpec().getTemplate())) {
                assertThat(PodTemplates.envNames(container, objects))
                        .as("variables set for %s, each in the README's configuration or runtime-only table",
                                container.getName())
                        .doesNotHaveDuplicates().isSubsetOf(documented);
                assertReferencesDefinedEarlier(container);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void noOverlayRequestsGpusFromKubernetes(String overlay) throws IOException {
        for (DaemonSet daemonSet : PodTemplates.daemonSets(render(overlay))) {
            for (Container container : PodTemplates.containers(daemonSet.getSpec().getTemplate())) {
                assertThat(container.getResources().getRequests()).as("requests (D30)").doesNotContainKey("nvidia.com/gpu");
                assertThat(container.getResources().getLimits()).as("limits (D30)").doesNotContainKey("nvidia.com/gpu");
            }
        }
    }

    @Test
    void everyVariableTheAgentReadsIsInTheReadmeConfigurationTable() throws IOException {
        assertThat(ReadmeEnvTables.read().configuration()).as("README configuration table")
                .containsAll(AgentEnvNames.read());
    }

    @Test
    void theSystemdEnvironmentFileSetsOnlyDocumentedVariables() throws IOException {
        List<String> names = Files.readAllLines(SYSTEMD_ENV).stream().map(ASSIGNMENT::matcher).filter(Matcher::matches)
                .map(assignment -> assignment.group(1)).toList();
        assertThat(names).as("variables in %s", SYSTEMD_ENV).isNotEmpty()
                .isSubsetOf(ReadmeEnvTables.read().configuration());
    }

    @Test
    void theChecksCatchUnknownFieldsAndWrongTypes() throws IOException {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      image: i
                      imagePullPolcy: Always
                """;
        assertThat(UnknownFields.in(KubernetesDocuments.parse(pod).get(0), "Pod/p"))
                .containsExactly("Pod/p.spec.containers[0].imagePullPolcy");
        assertThatThrownBy(() -> KubernetesDocuments.parse(pod.replace("imagePullPolcy: Always",
                "ports: [{containerPort: \"9000\"}]"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> KubernetesDocuments.parse("apiVersion: example.com/v1\nkind: Widget\n"))
                .isInstanceOf(IOException.class);
    }

    private static List<HasMetadata> render(String overlay) throws IOException {
        return KubernetesDocuments.parse(Kustomize.render(overlay));
    }

    /** {@code $(NAME)} in a value expands only when NAME comes earlier in the list; otherwise it stays literal. */
    private static void assertReferencesDefinedEarlier(Container container) {
        List<String> defined = new ArrayList<>();
        for (EnvVar env : container.getEnv()) {
            Matcher reference = REFERENCE.matcher(env.getValue() == null ? "" : env.getValue());
            while (reference.find()) {
                assertThat(defined).as("%s references $(%s)", env.getName(), reference.group(1))
                        .contains(reference.group(1));
            }
            defined.add(env.getName());
        }
    }
}
