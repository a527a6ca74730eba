package dev.cassini.model.security;

import dev.cassini.api.v1alpha1.ClientTls;
import dev.cassini.api.v1alpha1.InternodeTls;
import dev.cassini.api.v1alpha1.TlsSpec;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.contract.ClientEncryption;
import dev.cassini.contract.InternodeEncryption;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The encryption a node runs with, as its pod template tells its agent: one step of each of the
 * two ladders ({@link ClientEncryption}, {@link InternodeEncryption}).
 */
public record NodeEncryption(ClientEncryption client, InternodeEncryption internode) {
    public static final NodeEncryption OFF = new NodeEncryption(ClientEncryption.OFF, InternodeEncryption.OFF);

    public NodeEncryption {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(internode, "internode");
    }

    /** What spec.tls asks for in the end. */
    public static NodeEncryption target(TlsSpec tls) {
        if (tls == null) {
            return OFF;
        }
        ClientEncryption client = switch (tls.getClient() == null ? ClientTls.None : tls.getClient()) {
            case None -> ClientEncryption.OFF;
            case Optional -> ClientEncryption.OPTIONAL;
            case Required -> ClientEncryption.REQUIRED;
        };
        InternodeEncryption internode =
                tls.getInternode() == InternodeTls.Required ? InternodeEncryption.REQUIRED : InternodeEncryption.OFF;
        return new NodeEncryption(client, internode);
    }

    /** Whether the node needs its certificate: either encryption is past its first step. */
    public boolean any() {
        return client != ClientEncryption.OFF || internode != InternodeEncryption.OFF;
    }

    /**
     * Read back from a container's environment (a StatefulSet's template); a variable missing or
     * unreadable counts as off, as the agent reads it.
     */
    public static NodeEncryption fromEnv(List<EnvVar> env) {
        ClientEncryption client = ClientEncryption.OFF;
        InternodeEncryption internode = InternodeEncryption.OFF;
        for (EnvVar variable : env == null ? List.<EnvVar>of() : env) {
            String value = variable.getValue() == null
                    ? ""
                    : variable.getValue().trim().toUpperCase(Locale.ROOT);
            try {
                if (AgentEnvironment.CLIENT_ENCRYPTION.equals(variable.getName())) {
                    client = ClientEncryption.valueOf(value);
                } else if (AgentEnvironment.INTERNODE_ENCRYPTION.equals(variable.getName())) {
                    internode = InternodeEncryption.valueOf(value);
                }
            } catch (IllegalArgumentException e) {
                // as the agent would refuse it, nothing runs with it: counts as off
            }
        }
        return new NodeEncryption(client, internode);
    }

    /** One step from this toward {@code target} on each ladder (each stays where it is when there). */
    public NodeEncryption stepToward(NodeEncryption target) {
        return new NodeEncryption(
                ClientEncryption.values()[step(client.ordinal(), target.client.ordinal())],
                InternodeEncryption.values()[step(internode.ordinal(), target.internode.ordinal())]);
    }

    /** How many rolling restarts from this to {@code target}. */
    public int stepsTo(NodeEncryption target) {
        return Math.max(
                Math.abs(client.ordinal() - target.client.ordinal()),
                Math.abs(internode.ordinal() - target.internode.ordinal()));
    }

    private static int step(int from, int to) {
        return from + Integer.signum(to - from);
    }

    @Override
    public String toString() {
        return "client " + client.envValue() + ", internode " + internode.envValue();
    }
}
