package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The operator's identity as the Helm chart installs it for every namespace: ServiceAccount
 * {@value #NAME} in namespace {@value #NAMESPACE}, bound to a ClusterRole of exactly the chart's
 * rules ({@link ChartRbac}), and a client that authenticates with a token the API server issued
 * for that account through the TokenRequest API (what a pod's projected token is), not with the
 * admin's certificate. RBAC authorization is on in devkube, so every grant the chart lacks is a
 * 403. Every request of the client is recorded in {@link ApiRequests#SHARED}.
 */
final class OperatorAccount {
    static final String NAMESPACE = "cassini-system";
    static final String NAME = "cassini-operator";
    /** Longer than any test class runs; the client is made again for each class. */
    private static final long TOKEN_SECONDS = 6 * 3600;

    private OperatorAccount() {}

    /** A client acting as the chart's operator, its ServiceAccount and roles created or brought up to date first. */
    static KubernetesClient client(KubernetesClient admin) {
        return client(admin, ChartRbac.everyNamespaceAccount(NAMESPACE, NAME));
    }

    /** A client acting as the chart's operator in its namespaced mode, watching only {@code watched}. */
    static KubernetesClient watching(KubernetesClient admin, java.util.Collection<String> watched) {
        return client(admin, ChartRbac.watchedNamespacesAccount(NAMESPACE, NAME, watched));
    }

    private static KubernetesClient client(KubernetesClient admin, java.util.List<HasMetadata> account) {
        admin.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .forceConflicts()
                .serverSideApply();
        for (HasMetadata object : account) {
            admin.resource(object).forceConflicts().serverSideApply();
        }
        TokenRequest issued = admin.serviceAccounts()
                .inNamespace(NAMESPACE)
                .withName(NAME)
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(TOKEN_SECONDS)
                        .endSpec()
                        .build());
        Config adminConfig = admin.getConfiguration();
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(adminConfig.getMasterUrl())
                .withCaCertData(adminConfig.getCaCertData())
                .withCaCertFile(adminConfig.getCaCertFile())
                .withOauthToken(issued.getStatus().getToken())
                .build();
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("record", ApiRequests.SHARED))
                .build();
    }
}
