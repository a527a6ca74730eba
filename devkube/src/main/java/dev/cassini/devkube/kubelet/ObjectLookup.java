package dev.cassini.devkube.kubelet;

import java.util.Map;
import java.util.Optional;

/** Reads ConfigMap and Secret data for env and volumes; secret values come decoded. */
public interface ObjectLookup {
    Optional<Map<String, String>> configMap(String namespace, String name);

    Optional<Map<String, byte[]>> secret(String namespace, String name);
}
