package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.KubeApiServer;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Helm chart (deploy/helm/cassini) through the real helm, built from its Go module: it lints,
 * renders what each install mode promises, and what it renders is accepted by a real API server,
 * whose RBAC then grants the operator's ServiceAccount what the mode says and no more.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CHART = ROOT.resolve("deploy/helm/cassini");
    private static final String RELEASE = "cassini";
    private static final String NAMESPACE = "cassini-system";
    private static final String OPERATOR = "system:serviceaccount:" + NAMESPACE + ":cassini";

    private Path helm;
    private KubeApiServer apiServer;
    private KubernetesClient client;

    @BeforeAll
    void start() throws Exception {
        Run build = run(List.of("bash", ROOT.resolve("scripts/build-helm.sh").toString()));
        assertThat(build.exitCode()).as(build.output()).isZero();
        helm = Path.of(
                build.output().strip().lines().reduce((first, last) -> last).orElseThrow());
        apiServer =
                KubeApiServer.startWithCrd(Path.of("target", "helm-chart-it").toAbsolutePath());
        client = apiServer.client();
        for (String namespace : List.of(NAMESPACE, "shop", "audit", "elsewhere")) {
            apiServer.createNamespaces(namespace);
        }
    }

    @AfterAll
    void stop() {
        if (apiServer != null) {
            apiServer.close();
        }
    }

    @Test
    void theChartLintsInBothModes() throws Exception {
        for (List<String> values : List.of(List.<String>of(), List.of("--set", "watchNamespaces={shop,audit}"))) {
            List<String> command = new ArrayList<>(List.of(helm.toString(), "lint", CHART.toString()));
            command.addAll(values);
            Run lint = run(command);
            assertThat(lint.exitCode()).as(lint.output()).isZero();
            assertThat(lint.output()).contains("1 chart(s) linted, 0 chart(s) failed");
        }
    }

    @Test
    void everyNamespaceModeShipsTheCrdsAClusterRoleAndTheOperatorOnItsServiceAccount() throws Exception {
        List<HasMetadata> objects = template();

        assertThat(names(objects, "CustomResourceDefinition")).containsExactlyInAnyOrderElementsOf(committedCrdNames());
        assertThat(names(objects, "ServiceAccount")).containsExactly(RELEASE);
        assertThat(names(objects, "ClusterRole")).containsExactly(RELEASE);
        assertThat(names(objects, "Role")).isEmpty();
        Deployment operator = one(objects, Deployment.class);
        assertThat(operator.getSpec().getReplicas()).isEqualTo(1);
        assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(RELEASE);
        var container =
                operator.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("cassini/operator:0.1.0");
        assertThat(env(container.getEnv(), OperatorMain.ENV_WATCH_NAMESPACES)).isEmpty();
        assertThat(env(container.getEnv(), OperatorMain.ENV_NODE_IMAGE)).isEqualTo("cassini/node");
        assertThat(env(container.getEnv(), OperatorMain.ENV_NODE_IMAGE_PULL_SECRETS))
                .isEmpty();

        apply(objects);
        assertThat(allowed("create", "apps", "statefulsets", "elsewhere")).isTrue();
        assertThat(allowed("patch", "cassini.dev", "cassandraclusters/status", "shop"))
                .isTrue();
        assertThat(allowed("get", "storage.k8s.io", "storageclasses", null)).isTrue();
        // nothing it does not use: no node, no namespace, no cluster-wide write
        assertThat(allowed("list", "", "nodes", null)).isFalse();
        assertThat(allowed("delete", "", "namespaces", null)).isFalse();
        assertThat(allowed("create", "apiextensions.k8s.io", "customresourcedefinitions", null))
                .isFalse();
    }

    @Test
    void whatCassiniUpAppliesIsWhatTheChartRendersForIt() throws Exception {
        Path committed = ROOT.resolve("deploy/devkube/cassini-operator.yaml");
        Run render = run(List.of(
                helm.toString(),
                "template",
                "cassini-operator",
                CHART.toString(),
                "--namespace",
                NAMESPACE,
                "--set",
                "image.tag=dev"));
        assertThat(render.exitCode()).as(render.output()).isZero();
        List<HasMetadata> rendered = client.load(
                        new ByteArrayInputStream(render.stdout().getBytes(StandardCharsets.UTF_8)))
                .items();
        List<HasMetadata> applied = client.load(Files.newInputStream(committed)).items();
        assertThat(applied)
                .as(committed + " is not what the chart renders now; run scripts/render-devkube-chart.sh")
                .isEqualTo(rendered);
        assertThat(applied).extracting(HasMetadata::getKind).contains("ClusterRole", "Deployment");
    }

    @Test
    void theNodeImageValuesReachTheOperatorAsASettingItTakes() throws Exception {
        List<HasMetadata> objects = template(
                "--set",
                "nodeImage.repository=registry.example.com/cassini/node",
                "--set",
                "nodeImage.pullSecrets={regcred,mirror}");
        List<EnvVar> env = one(objects, Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv();
        var image = OperatorMain.nodeImage(java.util.Map.of(
                OperatorMain.ENV_NODE_IMAGE, env(env, OperatorMain.ENV_NODE_IMAGE),
                OperatorMain.ENV_NODE_IMAGE_PULL_SECRETS, env(env, OperatorMain.ENV_NODE_IMAGE_PULL_SECRETS)));
        assertThat(image.reference("5.0.6")).isEqualTo("registry.example.com/cassini/node:5.0.6");
        assertThat(image.pullSecrets()).containsExactly("regcred", "mirror");
    }

    @Test
    void namespacedModeGrantsRolesInTheWatchedNamespacesOnlyAndTellsTheOperator() throws Exception {
        List<HasMetadata> objects = template("--set", "watchNamespaces={shop,audit}");

        assertThat(objects.stream()
                        .filter(Role.class::isInstance)
                        .map(o -> o.getMetadata().getNamespace()))
                .containsExactlyInAnyOrder("shop", "audit");
        ClusterRole reads = one(objects, ClusterRole.class);
        assertThat(reads.getRules())
                .flatExtracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder("storageclasses", "customresourcedefinitions");
        assertThat(reads.getRules()).flatExtracting(PolicyRule::getVerbs).containsOnly("get");
        Deployment operator = one(objects, Deployment.class);
        assertThat(env(
                        operator.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getEnv(),
                        OperatorMain.ENV_WATCH_NAMESPACES))
                .isEqualTo("shop,audit");
        // the value the chart writes is one the operator takes
        assertThat(OperatorMain.watchNamespaces(java.util.Map.of(OperatorMain.ENV_WATCH_NAMESPACES, "shop,audit")))
                .containsExactly("audit", "shop");

        // on a fresh release name, so the cluster-wide mode's objects above do not grant it anything
        List<HasMetadata> renamed =
                template("--set", "watchNamespaces={shop,audit}", "--set", "serviceAccount.name=ns-operator");
        apply(renamed);
        String subject = "system:serviceaccount:" + NAMESPACE + ":ns-operator";
        assertThat(allowed(subject, "create", "apps", "statefulsets", "shop")).isTrue();
        assertThat(allowed(subject, "delete", "", "pods", "audit")).isTrue();
        assertThat(allowed(subject, "create", "apps", "statefulsets", "elsewhere"))
                .isFalse();
        assertThat(allowed(subject, "get", "", "secrets", "elsewhere")).isFalse();
        assertThat(allowed(subject, "get", "storage.k8s.io", "storageclasses", null))
                .isTrue();
    }

    private List<HasMetadata> template(String... values) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                helm.toString(), "template", RELEASE, CHART.toString(), "--namespace", NAMESPACE, "--include-crds"));
        command.addAll(List.of(values));
        Run template = run(command);
        assertThat(template.exitCode()).as(template.output()).isZero();
        return client.load(new ByteArrayInputStream(template.stdout().getBytes(StandardCharsets.UTF_8)))
                .items();
    }

    private void apply(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            client.resource(object).forceConflicts().serverSideApply();
        }
    }

    private boolean allowed(String verb, String group, String resource, String namespace) {
        return allowed(OPERATOR, verb, group, resource, namespace);
    }

    private boolean allowed(String user, String verb, String group, String resource, String namespace) {
        String[] parts = resource.split("/", 2);
        SubjectAccessReview review = new SubjectAccessReviewBuilder()
                .withNewSpec()
                .withUser(user)
                .withGroups("system:serviceaccounts", "system:authenticated")
                .withNewResourceAttributes()
                .withVerb(verb)
                .withGroup(group)
                .withResource(parts[0])
                .withSubresource(parts.length > 1 ? parts[1] : null)
                .withNamespace(namespace)
                .endResourceAttributes()
                .endSpec()
                .build();
        return client.authorization()
                .v1()
                .subjectAccessReview()
                .create(review)
                .getStatus()
                .getAllowed();
    }

    private static List<String> names(List<HasMetadata> objects, String kind) {
        return objects.stream()
                .filter(o -> o.getKind().equals(kind))
                .map(o -> o.getMetadata().getName())
                .toList();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found =
                objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String env(List<EnvVar> env, String name) {
        return env.stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow();
    }

    private static List<String> committedCrdNames() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/crds"))) {
            return files.map(f -> f.getFileName().toString().replace("-v1.yml", ""))
                    .collect(Collectors.toList());
        }
    }

    private record Run(int exitCode, String stdout, String output) {}

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("helm", ".out");
        Path err = Files.createTempFile("helm", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            try {
                assertThat(process.waitFor(15, TimeUnit.MINUTES))
                        .as(String.join(" ", command))
                        .isTrue();
            } finally {
                process.destroyForcibly();
            }
            String stdout = Files.readString(out);
            return new Run(process.exitValue(), stdout, stdout + Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
