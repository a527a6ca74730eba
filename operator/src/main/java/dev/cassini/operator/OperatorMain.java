package dev.cassini.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process: watches CassandraClusters in every namespace of the cluster its
 * kubeconfig (or in-cluster service account) points at.
 */
public final class OperatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {}

    public static void main(String[] args) {
        start(new KubernetesClientBuilder().build());
    }

    /** Starts the operator on this client; stop it with {@link Operator#stop()}. */
    public static Operator start(KubernetesClient client) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
        operator.register(new CassandraClusterReconciler(client));
        operator.start();
        LOG.info("cassini operator watching CassandraClusters on {}", client.getMasterUrl());
        return operator;
    }
}
