package dev.cassini.api.v1alpha1;

import java.nio.file.Path;
import java.util.List;

/** Where the CRDs live: the committed copies users apply, and the ones the build just generated. */
final class CrdFiles {
    /** Every CRD the build generates, by file name; the cluster's first. */
    static final List<String> FILE_NAMES = List.of(
            CassandraCluster.CRD_NAME + "-v1.yml",
            CassandraBackup.CRD_NAME + "-v1.yml",
            CassandraRestore.CRD_NAME + "-v1.yml",
            CassandraBackupSchedule.CRD_NAME + "-v1.yml",
            CassandraRepair.CRD_NAME + "-v1.yml",
            CassandraTask.CRD_NAME + "-v1.yml");

    static final String FILE_NAME = FILE_NAMES.get(0);

    private CrdFiles() {}

    static Path repositoryRoot() {
        return Path.of(System.getProperty("cassini.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** {@code deploy/crds/cassandraclusters.cassini.dev-v1.yml}, what users and the tests install. */
    static Path committed() {
        return committed(FILE_NAME);
    }

    static Path committed(String fileName) {
        return repositoryRoot().resolve("deploy").resolve("crds").resolve(fileName);
    }

    /** Written by crd-generator-maven-plugin in process-classes, before any test runs. */
    static Path generated() {
        return generated(FILE_NAME);
    }

    static Path generated(String fileName) {
        return repositoryRoot()
                .resolve("api")
                .resolve("target")
                .resolve("classes")
                .resolve("META-INF")
                .resolve("fabric8")
                .resolve(fileName);
    }
}
