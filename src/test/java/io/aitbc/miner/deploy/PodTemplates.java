package io.aitbc.miner.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

/** Views of the rendered objects that the manifest checks need: workloads, their containers, env names, probe ports. */
final class PodTemplates {

    private PodTemplates() {
    }

    /** The DaemonSets among {@code objects}. */
    static List<DaemonSet> daemonSets(List<HasMetadata> objects) {
        return objects.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).toList();
    }

    /** Every container of the template, init containers (and native sidecars) included. */
    static List<Container> containers(PodTemplateSpec template) {
        return Stream.concat(template.getSpec().getInitContainers().stream(), template.getSpec().getContainers().stream())
                .toList();
    }

    /** The names of every variable the container gets: {@code env} entries and the keys of {@code envFrom} maps. */
    static List<String> envNames(Container container, List<HasMetadata> objects) {
        List<String> names = new ArrayList<>();
        container.getEnv().forEach(env -> names.add(env.getName()));
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null) {
                throw new AssertionError("envFrom a Secret: its keys cannot be checked; mount secrets as files");
            }
            String map = source.getConfigMapRef().getName();
            ConfigMap configMap = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                    .filter(c -> c.getMetadata().getName().equals(map)).findFirst()
                    .orElseThrow(() -> new AssertionError("envFrom names the missing ConfigMap " + map));
            configMap.getData().keySet().stream().map(key -> Optional.ofNullable(source.getPrefix()).orElse("") + key)
                    .forEach(names::add);
        }
        return names;
    }

    /** The port of each HTTP, TCP or gRPC probe of the container, by probe kind; exec probes have none. */
    static Map<String, IntOrString> probePorts(Container container) {
        Map<String, IntOrString> ports = new TreeMap<>();
        probe(ports, "liveness", container.getLivenessProbe());
        probe(ports, "readiness", container.getReadinessProbe());
        probe(ports, "startup", container.getStartupProbe());
        return ports;
    }

    private static void probe(Map<String, IntOrString> ports, String kind, Probe probe) {
        if (probe == null) {
            return;
        }
        if (probe.getHttpGet() != null) {
            ports.put(kind, probe.getHttpGet().getPort());
        } else if (probe.getTcpSocket() != null) {
            ports.put(kind, probe.getTcpSocket().getPort());
        } else if (probe.getGrpc() != null) {
            ports.put(kind, new IntOrString(probe.getGrpc().getPort()));
        }
    }

    /** Whether {@code port} (a name or a number) is one of the container's ports. */
    static boolean declares(Container container, IntOrString port) {
        return container.getPorts().stream().anyMatch(p -> port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                : port.getIntVal().equals(p.getContainerPort()));
    }
}
