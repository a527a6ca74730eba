package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraBackup;
import dev.cassini.api.v1alpha1.CassandraBackupSpec;
import dev.cassini.api.v1alpha1.CassandraBackupStatus;
import dev.cassini.api.v1alpha1.NodeBackupStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** CassandraBackups as the operator leaves them, for the formatting tests. */
final class BackupFixtures {
    static final long GIB = 1024L * 1024 * 1024;
    static final long MIB = 1024L * 1024;

    private BackupFixtures() {}

    static CassandraBackup backup(String name, String cluster, String created) {
        CassandraBackup backup = new CassandraBackup();
        backup.setMetadata(new ObjectMetaBuilder()
                .withName(name)
                .withNamespace("default")
                .withCreationTimestamp(created)
                .build());
        CassandraBackupSpec spec = new CassandraBackupSpec();
        spec.setCluster(cluster);
        backup.setSpec(spec);
        return backup;
    }

    static CassandraBackupStatus status(String phase, String start, String completion, Long total, Long uploaded) {
        CassandraBackupStatus status = new CassandraBackupStatus();
        status.setPhase(phase);
        status.setStartTime(start);
        status.setCompletionTime(completion);
        status.setTotalBytes(total);
        status.setUploadedBytes(uploaded);
        return status;
    }

    static NodeBackupStatus node(String pod, String rack, String state, String message) {
        NodeBackupStatus node = new NodeBackupStatus();
        node.setPod(pod);
        node.setDatacenter("dc1");
        node.setRack(rack);
        node.setState(state);
        node.setMessage(message);
        return node;
    }

    static NodeBackupStatus node(String pod, String rack, int files, long total, long uploaded, long reused) {
        NodeBackupStatus node = node(pod, rack, "Succeeded", "manifest dc1/" + rack + "/x.json; " + files + " files");
        node.setFiles(files);
        node.setTotalBytes(total);
        node.setUploadedBytes(uploaded);
        node.setReusedBytes(reused);
        return node;
    }
}
