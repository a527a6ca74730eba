package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CrdEstablished;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Installs (or updates) the CRDs generated at build time, and waits until each is served. */
public final class CrdInstaller {
    static final List<String> CRD_RESOURCES = List.of(
            "/META-INF/fabric8/cassandraclusters.cassini.dev-v1.yml",
            "/META-INF/fabric8/cassandrabackups.cassini.dev-v1.yml",
            "/META-INF/fabric8/cassandrarestores.cassini.dev-v1.yml",
            "/META-INF/fabric8/cassandrabackupschedules.cassini.dev-v1.yml",
            "/META-INF/fabric8/cassandrarepairs.cassini.dev-v1.yml",
            "/META-INF/fabric8/cassandratasks.cassini.dev-v1.yml");

    private CrdInstaller() {}

    public static void install(KubernetesClient client) throws IOException {
        for (String resource : CRD_RESOURCES) {
            install(client, resource);
        }
    }

    private static void install(KubernetesClient client, String resource) throws IOException {
        try (InputStream in = CrdInstaller.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the CRD is missing from the build (" + resource + "); rebuild with mvn package");
            }
            CustomResourceDefinition crd = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .load(in)
                    .item();
            client.resource(crd)
                    .fieldManager(KubernetesClusterObjects.FIELD_MANAGER)
                    .forceConflicts()
                    .serverSideApply();
            client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName(crd.getMetadata().getName())
                    .waitUntilCondition(CrdEstablished::test, 60, TimeUnit.SECONDS);
        }
    }
}
