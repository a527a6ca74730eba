package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** {@code kubectl get cc} shows the CRD's printer columns in the order the CRD lists them. */
class PrinterColumnsTest {

    @Test
    void readyAndStatusComeBeforeAge() throws IOException {
        CustomResourceDefinition crd =
                Serialization.unmarshal(Files.readString(CrdFiles.committed()), CustomResourceDefinition.class);

        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Ready", ".status.ready"),
                        org.assertj.core.groups.Tuple.tuple("Status", ".status.phase"),
                        org.assertj.core.groups.Tuple.tuple("Age", ".metadata.creationTimestamp"));
    }

    @Test
    void aBackupShowsItsClusterStatusAndSizesBeforeAge() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(
                Files.readString(CrdFiles.committed(CassandraBackup.CRD_NAME + "-v1.yml")),
                CustomResourceDefinition.class);

        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Cluster", ".spec.cluster"),
                        org.assertj.core.groups.Tuple.tuple("Status", ".status.phase"),
                        org.assertj.core.groups.Tuple.tuple("Bytes", ".status.totalBytes"),
                        org.assertj.core.groups.Tuple.tuple("Uploaded", ".status.uploadedBytes"),
                        org.assertj.core.groups.Tuple.tuple("Age", ".metadata.creationTimestamp"));
    }

    @Test
    void aRestoreShowsItsClusterBackupStatusAndStepBeforeAge() throws IOException {
        CustomResourceDefinition crd = Serialization.unmarshal(
                Files.readString(CrdFiles.committed(CassandraRestore.CRD_NAME + "-v1.yml")),
                CustomResourceDefinition.class);

        assertThat(crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns())
                .extracting(CustomResourceColumnDefinition::getName)
                .containsExactly("Backup", "Cluster", "Status", "Step", "Age");
    }
}
