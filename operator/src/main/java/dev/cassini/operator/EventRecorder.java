package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Records a Kubernetes event on one of our resources ({@link ClusterEvents}; a fake in tests). */
interface EventRecorder {
    String NORMAL = "Normal";
    String WARNING = "Warning";

    void record(HasMetadata resource, String type, String reason, String message);
}
