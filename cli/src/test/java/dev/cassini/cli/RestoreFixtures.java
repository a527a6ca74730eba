package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraRestore;
import dev.cassini.api.v1alpha1.CassandraRestoreSpec;
import dev.cassini.api.v1alpha1.CassandraRestoreStatus;
import dev.cassini.api.v1alpha1.NodeRestoreStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** CassandraRestores as the operator leaves them, for the formatting tests and the IT. */
final class RestoreFixtures {
    private RestoreFixtures() {}

    static CassandraRestore restore(String name, String namespace, String backup) {
        CassandraRestore restore = new CassandraRestore();
        restore.setMetadata(
                new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        CassandraRestoreSpec spec = new CassandraRestoreSpec();
        spec.setCluster("demo");
        spec.setBackup(backup);
        restore.setSpec(spec);
        return restore;
    }

    static CassandraRestoreStatus status(String phase, String step, String start, String completion) {
        CassandraRestoreStatus status = new CassandraRestoreStatus();
        status.setPhase(phase);
        status.setStep(step);
        status.setStartTime(start);
        status.setCompletionTime(completion);
        return status;
    }

    static NodeRestoreStatus node(String pod, String rack, String state, String message) {
        NodeRestoreStatus node = new NodeRestoreStatus();
        node.setPod(pod);
        node.setDatacenter("dc1");
        node.setRack(rack);
        node.setState(state);
        node.setMessage(message);
        return node;
    }

    static NodeRestoreStatus node(String pod, String rack, String state, int files, long total, long downloaded) {
        NodeRestoreStatus node = node(pod, rack, state, null);
        node.setFiles(files);
        node.setTotalBytes(total);
        node.setDownloadedBytes(downloaded);
        return node;
    }
}
