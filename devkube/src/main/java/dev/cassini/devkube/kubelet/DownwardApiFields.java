package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The downward API field paths a kubelet resolves, for env vars and downwardAPI volumes alike. */
public final class DownwardApiFields {
    private static final Pattern SUBSCRIPT = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private DownwardApiFields() {}

    public static String value(Pod pod, String fieldPath, String podIp, String hostIp) {
        var meta = pod.getMetadata();
        Matcher m = SUBSCRIPT.matcher(fieldPath);
        if (m.matches()) {
            Map<String, String> map = m.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
            return map == null ? "" : map.getOrDefault(m.group(2), "");
        }
        return switch (fieldPath) {
            case "metadata.name" -> meta.getName();
            case "metadata.namespace" -> meta.getNamespace();
            case "metadata.uid" -> meta.getUid();
            case "metadata.labels" -> render(meta.getLabels());
            case "metadata.annotations" -> render(meta.getAnnotations());
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP", "status.podIPs" -> podIp;
            case "status.hostIP", "status.hostIPs" -> hostIp;
            default -> throw new IllegalArgumentException("unsupported downward API field " + fieldPath);
        };
    }

    /** The {@code key="value"} lines format of label and annotation files. */
    private static String render(Map<String, String> map) {
        if (map == null) {
            return "";
        }
        return new TreeMap<>(map)
                .entrySet().stream()
                        .map(e -> e.getKey() + "=\""
                                + e.getValue()
                                        .replace("\\", "\\\\")
                                        .replace("\"", "\\\"")
                                        .replace("\n", "\\n") + "\"")
                        .collect(Collectors.joining("\n"));
    }
}
