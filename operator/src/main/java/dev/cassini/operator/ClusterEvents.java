package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes events on our resources: one for every step the operator takes (kubectl describe cc, cbk). */
final class ClusterEvents implements EventRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);
    private final KubernetesClient client;

    ClusterEvents(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void record(HasMetadata cluster, String type, String reason, String message) {
        String now = Instant.now().toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withName(cluster.getMetadata().getName() + "."
                        + UUID.randomUUID().toString().substring(0, 8))
                .withNamespace(cluster.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(cluster.getApiVersion())
                        .withKind(cluster.getKind())
                        .withName(cluster.getMetadata().getName())
                        .withNamespace(cluster.getMetadata().getNamespace())
                        .withUid(cluster.getMetadata().getUid())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message.length() > 1000 ? message.substring(0, 1000) : message)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource()
                .withComponent("cassini-operator")
                .endSource()
                .build();
        try {
            client.v1()
                    .events()
                    .inNamespace(cluster.getMetadata().getNamespace())
                    .resource(event)
                    .create();
        } catch (KubernetesClientException e) {
            LOG.warn(
                    "could not record event {} on {}/{}: {}",
                    reason,
                    cluster.getMetadata().getNamespace(),
                    cluster.getMetadata().getName(),
                    e.getMessage());
        }
    }
}
