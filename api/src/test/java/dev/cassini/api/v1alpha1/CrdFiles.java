package dev.cassini.api.v1alpha1;

import java.nio.file.Path;

/** Where the CRD lives: the committed copy users apply, and the one the build just generated. */
final class CrdFiles {
    static final String FILE_NAME = CassandraCluster.CRD_NAME + "-v1.yml";

    private CrdFiles() {}

    static Path repositoryRoot() {
        return Path.of(System.getProperty("cassini.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** {@code deploy/crds/cassandraclusters.cassini.dev-v1.yml}, what users and the tests install. */
    static Path committed() {
        return repositoryRoot().resolve("deploy").resolve("crds").resolve(FILE_NAME);
    }

    /** Written by crd-generator-maven-plugin in process-classes, before any test runs. */
    static Path generated() {
        return repositoryRoot()
                .resolve("api")
                .resolve("target")
                .resolve("classes")
                .resolve("META-INF")
                .resolve("fabric8")
                .resolve(FILE_NAME);
    }
}
