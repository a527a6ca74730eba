package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.model.ClusterNames;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The superuser's credentials: the user's own Secret when spec.auth.superuserSecretRef names one,
 * else a generated {@code <cluster>-superuser} Secret, created once and never rewritten (a new
 * password on every reconcile would lock everyone out).
 */
public final class SuperuserSecret {
    /**
     * @param generated whether the operator generated the password ({@value #GENERATED_ANNOTATION} on
     *     its Secret): 24 random characters, about 140 bits, which no stored hash's work factor need slow
     *     a guesser down for (see {@link SuperuserPassword})
     */
    public record Credentials(String username, String password, boolean generated) {}

    /** On the Secret the operator generated, so a Secret of the same name the user made is told apart. */
    static final String GENERATED_ANNOTATION = "cassini.dev/generated-password";

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SuperuserSecret() {}

    /** The credentials of an existing cluster, for clients such as {@code cassini cql}; empty when there are none yet. */
    public static java.util.Optional<Credentials> read(KubernetesClient client, CassandraCluster cluster) {
        String name = secretName(cluster);
        Secret secret = client.secrets()
                .inNamespace(cluster.getMetadata().getNamespace())
                .withName(name)
                .get();
        return secret == null ? java.util.Optional.empty() : java.util.Optional.of(read(secret, name));
    }

    /** The user's Secret named by spec.auth.superuserSecretRef, else the generated {@code <cluster>-superuser}. */
    static String secretName(CassandraCluster cluster) {
        String ref = cluster.getSpec().getAuth() == null
                ? null
                : cluster.getSpec().getAuth().getSuperuserSecretRef();
        return ref != null && !ref.isBlank()
                ? ref
                : new ClusterNames(cluster.getMetadata().getName()).superuserSecret();
    }

    static Credentials ensure(
            KubernetesClient client, CassandraCluster cluster, String clusterName, OwnerReference owner) {
        String namespace = cluster.getMetadata().getNamespace();
        String ref = cluster.getSpec().getAuth() == null
                ? null
                : cluster.getSpec().getAuth().getSuperuserSecretRef();
        if (ref != null && !ref.isBlank()) {
            Secret own = client.secrets().inNamespace(namespace).withName(ref).get();
            if (own == null) {
                throw new IllegalStateException("spec.auth.superuserSecretRef names Secret " + ref
                        + ", which does not exist in " + namespace + "; create it with keys username and password");
            }
            return read(own, ref);
        }
        String name = secretName(cluster);
        Secret existing = client.secrets().inNamespace(namespace).withName(name).get();
        if (existing != null) {
            return read(existing, name);
        }
        Secret created = Owner.secret(cluster, owner, name)
                .editMetadata()
                .addToAnnotations(GENERATED_ANNOTATION, "true")
                .endMetadata()
                .withType("kubernetes.io/basic-auth")
                .withStringData(Map.of("username", clusterName + "-superuser", "password", password()))
                .build();
        return read(client.secrets().inNamespace(namespace).resource(created).create(), name);
    }

    private static Credentials read(Secret secret, String name) {
        Map<String, String> data = secret.getData();
        if (data == null || !data.containsKey("username") || !data.containsKey("password")) {
            throw new IllegalStateException("Secret " + name + " must have keys username and password");
        }
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        boolean generated = annotations != null && "true".equals(annotations.get(GENERATED_ANNOTATION));
        return new Credentials(decode(data.get("username")), decode(data.get("password")), generated);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String password() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
