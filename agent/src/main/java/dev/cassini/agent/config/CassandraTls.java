package dev.cassini.agent.config;

import dev.cassini.contract.AgentEnvironment;
import dev.cassini.contract.ClientEncryption;
import dev.cassini.contract.InternodeEncryption;
import dev.cassini.pki.TlsFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Encryption of Cassandra's own traffic: CQL clients' ({@code client_encryption_options}) and
 * between nodes ({@code server_encryption_options}), both with the node's one certificate and key
 * and the CA that signs every node's. Cassandra reads them as PEM ({@code PEMBasedSslContextFactory}):
 * the key and its certificate chain in one keystore file, the CA in the truststore file.
 *
 * @param files the node's certificate, key and CA as mounted; empty when both encryptions are off
 */
public record CassandraTls(ClientEncryption client, InternodeEncryption internode, Optional<TlsFiles> files) {
    public static final CassandraTls OFF =
            new CassandraTls(ClientEncryption.OFF, InternodeEncryption.OFF, Optional.empty());

    static final String PEM_FACTORY = "org.apache.cassandra.security.PEMBasedSslContextFactory";

    public CassandraTls {
        if ((client != ClientEncryption.OFF || internode != InternodeEncryption.OFF) && files.isEmpty()) {
            throw new IllegalArgumentException("encryption needs the node's certificate, key and CA");
        }
    }

    public boolean any() {
        return client != ClientEncryption.OFF || internode != InternodeEncryption.OFF;
    }

    /**
     * The cassandra.yaml settings, naming {@code keystore} (the node's key, then its certificate
     * chain) and {@code truststore} (the CA), the PEM files the agent writes from {@link #files()}.
     */
    public Map<String, Object> yaml(Path keystore, Path truststore) {
        Map<String, Object> yaml = new LinkedHashMap<>();
        if (client != ClientEncryption.OFF) {
            Map<String, Object> options = options(keystore, truststore);
            options.put("enabled", true);
            options.put("optional", client == ClientEncryption.OPTIONAL);
            // Clients prove nothing by certificate: they log in (PasswordAuthenticator).
            options.put("require_client_auth", false);
            yaml.put("client_encryption_options", options);
        }
        if (internode != InternodeEncryption.OFF) {
            Map<String, Object> options = options(keystore, truststore);
            options.put("internode_encryption", internode == InternodeEncryption.ACCEPT ? "none" : "all");
            options.put("optional", internode != InternodeEncryption.REQUIRED);
            // Only a holder of a certificate from the cluster's CA speaks to a node as a node.
            options.put("require_client_auth", true);
            // Nodes reach each other by IP, which a certificate issued before the pod existed cannot name.
            options.put("require_endpoint_verification", false);
            yaml.put("server_encryption_options", options);
        }
        return yaml;
    }

    private static Map<String, Object> options(Path keystore, Path truststore) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("ssl_context_factory", Map.of("class_name", PEM_FACTORY));
        options.put("keystore", keystore.toString());
        options.put("truststore", truststore.toString());
        return options;
    }

    /** From the environment ({@link AgentEnvironment}); every problem goes to {@code problems}. */
    static CassandraTls fromEnvironment(Map<String, String> env, List<String> problems) {
        ClientEncryption client = mode(env, AgentEnvironment.CLIENT_ENCRYPTION, ClientEncryption.class, problems);
        InternodeEncryption internode =
                mode(env, AgentEnvironment.INTERNODE_ENCRYPTION, InternodeEncryption.class, problems);
        if (client == ClientEncryption.OFF && internode == InternodeEncryption.OFF) {
            return OFF;
        }
        List<String> names = List.of(
                AgentEnvironment.CASSANDRA_TLS_CERTIFICATE,
                AgentEnvironment.CASSANDRA_TLS_KEY,
                AgentEnvironment.CASSANDRA_TLS_CA);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (env.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("encryption (" + AgentEnvironment.CLIENT_ENCRYPTION + ", "
                    + AgentEnvironment.INTERNODE_ENCRYPTION + ") needs the node's certificate, key and CA: set "
                    + String.join(", ", missing));
            return OFF;
        }
        return new CassandraTls(
                client,
                internode,
                Optional.of(new TlsFiles(
                        Path.of(env.get(names.get(0))),
                        Path.of(env.get(names.get(1))),
                        Path.of(env.get(names.get(2))))));
    }

    private static <E extends Enum<E>> E mode(
            Map<String, String> env, String name, Class<E> modes, List<String> problems) {
        String value = env.getOrDefault(name, "").trim();
        if (value.isEmpty()) {
            return modes.getEnumConstants()[0];
        }
        try {
            return Enum.valueOf(modes, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E mode : modes.getEnumConstants()) {
                allowed.add(mode.name().toLowerCase(Locale.ROOT));
            }
            problems.add(name + "=" + value + " is not one of " + String.join(", ", allowed));
            return modes.getEnumConstants()[0];
        }
    }
}
