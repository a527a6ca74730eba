package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events a kubelet records on a pod (Started, Killing, Unhealthy, BackOff, ...), so
 * {@code kubectl describe pod} tells the same story as on a real node. Sent from one background
 * thread: an event is worth less than keeping a pod worker's loop on time.
 */
final class PodEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PodEvents.class);
    private final KubernetesClient client;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "devkube-kubelet-events");
        t.setDaemon(true);
        return t;
    });

    PodEvents(KubernetesClient client) {
        this.client = client;
    }

    void normal(Pod pod, String reason, String message) {
        record(pod, "Normal", reason, message);
    }

    void warning(Pod pod, String reason, String message) {
        record(pod, "Warning", reason, message);
    }

    private void record(Pod pod, String type, String reason, String message) {
        var meta = pod.getMetadata();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(meta.getName() + "."
                        + UUID.randomUUID().toString().substring(0, 13).replace("-", ""))
                .withNamespace(meta.getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("v1")
                .withKind("Pod")
                .withName(meta.getName())
                .withNamespace(meta.getNamespace())
                .withUid(meta.getUid())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource()
                .withComponent("kubelet")
                .withHost(pod.getSpec().getNodeName())
                .endSource()
                .withReportingComponent("kubelet")
                .withReportingInstance(pod.getSpec().getNodeName())
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            sender.execute(() -> {
                try {
                    client.v1()
                            .events()
                            .inNamespace(meta.getNamespace())
                            .resource(event)
                            .create();
                } catch (KubernetesClientException e) {
                    LOG.debug(
                            "pod {}/{}: event {} not recorded: {}",
                            meta.getNamespace(),
                            meta.getName(),
                            reason,
                            e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // the kubelet is closing; the event would outlive nothing
        }
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
