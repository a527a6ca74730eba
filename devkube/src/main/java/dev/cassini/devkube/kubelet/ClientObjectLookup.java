package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ObjectLookup} straight from the API server (pods start rarely; no cache needed). */
final class ClientObjectLookup implements ObjectLookup {
    private final KubernetesClient client;

    ClientObjectLookup(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<Map<String, String>> configMap(String namespace, String name) {
        var cm = client.configMaps().inNamespace(namespace).withName(name).get();
        if (cm == null) {
            return Optional.empty();
        }
        Map<String, String> data = new HashMap<>(cm.getData() == null ? Map.of() : cm.getData());
        if (cm.getBinaryData() != null) {
            cm.getBinaryData()
                    .forEach(
                            (k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        return Optional.of(data);
    }

    @Override
    public Optional<Map<String, byte[]>> secret(String namespace, String name) {
        var secret = client.secrets().inNamespace(namespace).withName(name).get();
        if (secret == null) {
            return Optional.empty();
        }
        Map<String, byte[]> data = new HashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
        }
        if (secret.getStringData() != null) {
            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.of(data);
    }
}
