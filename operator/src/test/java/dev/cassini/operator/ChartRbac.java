package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RBAC rules the Helm chart grants the operator, as the chart keeps them: plain YAML in two
 * defines of {@code deploy/helm/cassini/templates/_helpers.tpl} (copied into this module's test
 * resources by its build), one for what it does in a namespace it watches, one for its cluster-wide
 * reads. The end-to-end operators get exactly what a Helm install grants, in either mode, and the
 * tests judge those same rules.
 */
public final class ChartRbac {
    static final String RESOURCE = "/dev/cassini/operator/chart/_helpers.tpl";

    private ChartRbac() {}

    /** What the operator may do in a namespace it watches. */
    public static List<PolicyRule> namespaced() {
        return define("cassini.namespacedRules");
    }

    /** What it may read cluster-wide in every mode. */
    public static List<PolicyRule> clusterReads() {
        return define("cassini.clusterReadRules");
    }

    /** The rules of the every-namespace install: one ClusterRole with both. */
    public static List<PolicyRule> everyNamespace() {
        List<PolicyRule> rules = new ArrayList<>(namespaced());
        rules.addAll(clusterReads());
        return rules;
    }

    /**
     * What the chart installs for an operator watching every namespace: its ServiceAccount {@code
     * name} in {@code namespace}, a ClusterRole {@code name} of {@link #everyNamespace()}, and the
     * binding between them, in the order they must exist.
     */
    public static List<HasMetadata> everyNamespaceAccount(String namespace, String name) {
        return List.of(
                serviceAccount(namespace, name),
                clusterRole(name, everyNamespace()),
                clusterRoleBinding(name, namespace, name));
    }

    /**
     * What the chart installs for an operator watching only {@code watched} (its namespaced mode):
     * its ServiceAccount, a Role of {@link #namespaced()} and its binding in each watched namespace,
     * and a ClusterRole of {@link #clusterReads()} with its binding, in the order they must exist.
     */
    public static List<HasMetadata> watchedNamespacesAccount(
            String namespace, String name, java.util.Collection<String> watched) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(serviceAccount(namespace, name));
        objects.add(clusterRole(name + "-cluster-reads", clusterReads()));
        objects.add(clusterRoleBinding(name + "-cluster-reads", namespace, name));
        for (String each : watched) {
            objects.add(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder()
                    .withMetadata(meta(name, each))
                    .withRules(namespaced())
                    .build());
            objects.add(new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                    .withMetadata(meta(name, each))
                    .withNewRoleRef("rbac.authorization.k8s.io", "Role", name)
                    .withSubjects(subject(namespace, name))
                    .build());
        }
        return objects;
    }

    private static HasMetadata serviceAccount(String namespace, String name) {
        return new ServiceAccountBuilder().withMetadata(meta(name, namespace)).build();
    }

    private static HasMetadata clusterRole(String name, List<PolicyRule> rules) {
        return new ClusterRoleBuilder()
                .withMetadata(meta(name, null))
                .withRules(rules)
                .build();
    }

    private static HasMetadata clusterRoleBinding(String name, String accountNamespace, String account) {
        return new ClusterRoleBindingBuilder()
                .withMetadata(meta(name, null))
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", name)
                .withSubjects(subject(accountNamespace, account))
                .build();
    }

    private static io.fabric8.kubernetes.api.model.rbac.Subject subject(String namespace, String account) {
        return new io.fabric8.kubernetes.api.model.rbac.SubjectBuilder()
                .withKind("ServiceAccount")
                .withName(account)
                .withNamespace(namespace)
                .build();
    }

    /** A name, a namespace (null for cluster-wide objects) and the chart's name label. */
    private static io.fabric8.kubernetes.api.model.ObjectMeta meta(String name, String namespace) {
        return new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/name", name))
                .build();
    }

    private static List<PolicyRule> define(String name) {
        String template;
        try (InputStream in = ChartRbac.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path: the operator module's"
                        + " build copies it into its test resources from deploy/helm/cassini/templates");
            }
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String start = "{{- define \"" + name + "\" -}}\n";
        int from = template.indexOf(start);
        if (from < 0) {
            throw new IllegalStateException("the chart's _helpers.tpl has no define " + name);
        }
        from += start.length();
        String rules = template.substring(from, template.indexOf("{{- end -}}", from));
        if (rules.contains("{{")) {
            throw new IllegalStateException("the rules of " + name + " in the chart's _helpers.tpl hold template"
                    + " actions; they must stay plain YAML, which the tests read as is");
        }
        return Serialization.unmarshal(
                        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: rules\n"
                                + "rules:\n" + rules.indent(2),
                        ClusterRole.class)
                .getRules();
    }
}
