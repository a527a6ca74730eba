package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment as a kubelet computes it: {@code envFrom} first, then {@code env}
 * (later entries win), with {@code $(VAR)} expansion, ConfigMap/Secret references and the
 * downward API. A missing non-optional reference is an error the pod reports, like
 * {@code CreateContainerConfigError} on a real node.
 */
public final class EnvResolver {
    private final ObjectLookup lookup;

    public EnvResolver(ObjectLookup lookup) {
        this.lookup = lookup;
    }

    public Map<String, String> resolve(Pod pod, Container container, String podIp, String hostIp) {
        String namespace = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : list(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                var ref = from.getConfigMapRef();
                Optional<Map<String, String>> data = lookup.configMap(namespace, ref.getName());
                if (data.isEmpty() && !Boolean.TRUE.equals(ref.getOptional())) {
                    throw new IllegalStateException("configmap \"" + ref.getName() + "\" not found");
                }
                data.ifPresent(d -> d.forEach((k, v) -> env.put(prefix + k, v)));
            }
            if (from.getSecretRef() != null) {
                var ref = from.getSecretRef();
                Optional<Map<String, byte[]>> data = lookup.secret(namespace, ref.getName());
                if (data.isEmpty() && !Boolean.TRUE.equals(ref.getOptional())) {
                    throw new IllegalStateException("secret \"" + ref.getName() + "\" not found");
                }
                data.ifPresent(d -> d.forEach((k, v) -> env.put(prefix + k, new String(v, StandardCharsets.UTF_8))));
            }
        }
        for (EnvVar var : list(container.getEnv())) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), VariableExpansion.expand(var.getValue() == null ? "" : var.getValue(), env));
            } else {
                String value = valueFrom(pod, container, var.getName(), var.getValueFrom(), podIp, hostIp);
                if (value != null) {
                    env.put(var.getName(), value);
                }
            }
        }
        return env;
    }

    private String valueFrom(
            Pod pod, Container container, String name, EnvVarSource source, String podIp, String hostIp) {
        String namespace = pod.getMetadata().getNamespace();
        if (source.getFieldRef() != null) {
            return DownwardApiFields.value(pod, source.getFieldRef().getFieldPath(), podIp, hostIp);
        }
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            String value = lookup.configMap(namespace, ref.getName())
                    .map(d -> d.get(ref.getKey()))
                    .orElse(null);
            if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
                throw new IllegalStateException("env " + name + ": key \"" + ref.getKey() + "\" of configmap \""
                        + ref.getName() + "\" not found");
            }
            return value;
        }
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            byte[] value = lookup.secret(namespace, ref.getName())
                    .map(d -> d.get(ref.getKey()))
                    .orElse(null);
            if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
                throw new IllegalStateException(
                        "env " + name + ": key \"" + ref.getKey() + "\" of secret \"" + ref.getName() + "\" not found");
            }
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
        if (source.getResourceFieldRef() != null) {
            return resourceField(container, source.getResourceFieldRef().getResource());
        }
        throw new IllegalStateException("env " + name + ": unsupported valueFrom " + source);
    }

    /** limits.memory etc. in base units; an unset limit reports the node's capacity, as on a real node. */
    private static String resourceField(Container container, String resource) {
        var resources = container.getResources();
        Map<String, Quantity> map = resources == null
                ? null
                : resource.startsWith("limits.") ? resources.getLimits() : resources.getRequests();
        String key = resource.substring(resource.indexOf('.') + 1);
        Quantity q = map == null ? null : map.get(key);
        if (q == null) {
            q = NodeCapacity.DEFAULT.get(key);
        }
        if (q == null) {
            return "0";
        }
        var amount = Quantity.getAmountInBytes(q);
        return key.equals("cpu")
                ? String.valueOf(
                        amount.setScale(0, java.math.RoundingMode.CEILING).toBigInteger())
                : amount.toBigInteger().toString();
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
