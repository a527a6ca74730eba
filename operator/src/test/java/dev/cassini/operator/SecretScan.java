package dev.cassini.operator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRepair;
import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraTask;
import dev.cassini.devkube.DevKube;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Looks for secrets where they must never appear: every log line (the operator's, each pod
 * container's, Cassandra's own), every text file on the nodes' volumes (the agent's rendered
 * configuration among them), every event, and the status of every Cassini resource in a
 * namespace. A secret is the value of a namespace's Secret under a key that names a password, a
 * key or a token; a PEM key counts by each line of its body, so a key printed whole or in part
 * is found. Findings name the place and the Secret's key, never the value.
 */
final class SecretScan {
    /** A value to look for, and which Secret key holds it. */
    record Needle(String source, String value) {}

    /** A place that holds a secret. */
    record Finding(String place, String source) {
        @Override
        public String toString() {
            return place + " holds " + source;
        }
    }

    /** Below this length a value also occurs by chance (a short password is the test's own mistake). */
    private static final int SHORTEST = 8;

    private SecretScan() {}

    /** The secret values of the namespace's Secrets. */
    static List<Needle> needles(KubernetesClient client, String namespace) {
        List<Needle> needles = new ArrayList<>();
        for (Secret secret : client.secrets().inNamespace(namespace).list().getItems()) {
            if (secret.getData() == null) {
                continue;
            }
            secret.getData().forEach((key, encoded) -> {
                if (!secretKey(key)) {
                    return;
                }
                String value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                String source = "Secret " + secret.getMetadata().getName() + " key " + key;
                needles.addAll(needlesOf(source, value));
            });
        }
        return needles;
    }

    static boolean secretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.endsWith(".key") || k.contains("secret") || k.contains("token");
    }

    /** A value, or for a PEM block each line of its body. */
    static List<Needle> needlesOf(String source, String value) {
        List<Needle> needles = new ArrayList<>();
        if (value.contains("-----BEGIN")) {
            value.lines()
                    .map(String::strip)
                    .filter(line -> !line.startsWith("-----") && line.length() >= SHORTEST)
                    .forEach(line -> needles.add(new Needle(source, line)));
        } else if (value.strip().length() >= SHORTEST) {
            needles.add(new Needle(source, value.strip()));
        }
        return needles;
    }

    /** Every place in {@code texts} (a name for each text) that holds a needle, by line. */
    static List<Finding> scan(List<Needle> needles, Map<String, String> texts) {
        List<Finding> findings = new ArrayList<>();
        texts.forEach((name, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Needle needle : needles) {
                    if (lines[i].contains(needle.value())) {
                        findings.add(new Finding(name + ":" + (i + 1), needle.source()));
                    }
                }
            }
        });
        return findings;
    }

    /**
     * What the namespace left to read: its pods' logs, the text files on its volumes, its events
     * and its Cassini resources' status; plus {@code operatorLog}, what the operator logged.
     */
    static Map<String, String> texts(DevKube kube, KubernetesClient client, String namespace, List<String> operatorLog)
            throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("operator log", String.join("\n", operatorLog));
        Path pods = kube.stateDirectory().resolve("pods");
        if (Files.isDirectory(pods)) {
            try (Stream<Path> dirs = Files.list(pods)) {
                for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(namespace + "_"))
                        .toList()) {
                    readTextFiles(dir, texts);
                }
            }
        }
        for (PersistentVolumeClaim claim :
                client.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
            String volume = claim.getSpec().getVolumeName();
            PersistentVolume pv = volume == null
                    ? null
                    : client.persistentVolumes().withName(volume).get();
            if (pv != null && pv.getSpec().getHostPath() != null) {
                readTextFiles(Path.of(pv.getSpec().getHostPath().getPath()), texts);
            }
        }
        for (Event event : client.v1().events().inNamespace(namespace).list().getItems()) {
            texts.put("event " + event.getMetadata().getName(), event.getReason() + " " + event.getMessage());
        }
        for (var resource : Stream.of(
                        CassandraCluster.class,
                        CassandraRepair.class,
                        CassandraTask.class,
                        CassandraBackup.class,
                        CassandraRestore.class)
                .flatMap(type -> client.resources(type).inNamespace(namespace).list().getItems().stream()
                        .map(r -> (io.fabric8.kubernetes.api.model.HasMetadata) r))
                .toList()) {
            texts.put(resource.getKind() + " " + resource.getMetadata().getName(), Serialization.asYaml(resource));
        }
        return texts;
    }

    /** Text files only: logs and configuration, not SSTables, commit logs or hints. */
    private static void readTextFiles(Path root, Map<String, String> texts) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.matches(".*\\.(log|yaml|yml|xml|properties|options|json|txt|sh|env|conf)(\\.\\d+)?")) {
                    try {
                        texts.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                    } catch (java.nio.charset.MalformedInputException | java.nio.file.NoSuchFileException e) {
                        // not text after all, or rotated away meanwhile
                    }
                }
            }
        }
    }

    /** Everything this JVM logs through logback from now on (the operator runs in it), stack traces included. */
    static final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
        private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        LogCapture() {
            setContext(root.getLoggerContext());
            setName("secret-scan");
            start();
            root.addAppender(this);
        }

        @Override
        protected void append(ILoggingEvent event) {
            String line = event.getLoggerName() + " " + event.getFormattedMessage() + " " + event.getMDCPropertyMap();
            if (event.getThrowableProxy() != null) {
                line += "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
            }
            lines.add(line);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            root.detachAppender(this);
            stop();
        }
    }
}
