package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * Encryption of Cassandra's own traffic, CQL clients' and between nodes, with a certificate per
 * node from the cluster's Cassandra CA: one the operator creates, or one the user gives (for
 * example a CA that cert-manager keeps in a Secret). Changing it on a running cluster is a rolling
 * restart, through intermediate steps that keep every node able to talk to every other.
 */
@ValidationRule(value = TlsSpec.CA_FIXED_WHILE_ON_RULE, message = TlsSpec.CA_FIXED_WHILE_ON_MESSAGE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsSpec {
    private static final String OLD_CLIENT_NONE = "(!has(oldSelf.client) || oldSelf.client == 'None')";
    private static final String OLD_INTERNODE_NONE = "(!has(oldSelf.internode) || oldSelf.internode == 'None')";
    static final String CA_FIXED_WHILE_ON_RULE = "(" + OLD_CLIENT_NONE + " && " + OLD_INTERNODE_NONE + ")"
            + " || (has(self.caSecretRef) == has(oldSelf.caSecretRef)"
            + " && (!has(self.caSecretRef) || self.caSecretRef == oldSelf.caSecretRef))";
    static final String CA_FIXED_WHILE_ON_MESSAGE = "tls.caSecretRef cannot change while client or internode"
            + " encryption is on: every node trusts only the CA its certificate comes from, so nodes with"
            + " certificates from two CAs would refuse each other. Keep the current value; to move to another CA,"
            + " set client and internode to None first, wait until the cluster is Ready, then change it";

    @JsonPropertyDescription("CQL clients: None (the default), Optional (TLS and plaintext on the native port,"
            + " while clients move to TLS) or Required. A running cluster goes from None to Required through"
            + " Optional, one rolling restart per step.")
    @Default("None")
    private ClientTls client = ClientTls.None;

    @JsonPropertyDescription("Between nodes: None (the default) or Required (each node proves itself with its"
            + " certificate). A running cluster gets there in three rolling restarts: first every node accepts"
            + " TLS, then every node sends it, then plaintext is refused.")
    @Default("None")
    private InternodeTls internode = InternodeTls.None;

    @JsonPropertyDescription("A Secret (keys tls.crt and tls.key, as cert-manager writes for a CA Certificate)"
            + " holding the CA that signs the nodes' certificates. Unset: the operator creates one in Secret"
            + " <name>-cassandra-ca. The operator only reads this Secret.")
    @Size(max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    private String caSecretRef;

    public ClientTls getClient() {
        return client;
    }

    public void setClient(ClientTls client) {
        this.client = client;
    }

    public InternodeTls getInternode() {
        return internode;
    }

    public void setInternode(InternodeTls internode) {
        this.internode = internode;
    }

    public String getCaSecretRef() {
        return caSecretRef;
    }

    public void setCaSecretRef(String caSecretRef) {
        this.caSecretRef = caSecretRef;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TlsSpec that)) {
            return false;
        }
        return client == that.client && internode == that.internode && Objects.equals(caSecretRef, that.caSecretRef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(client, internode, caSecretRef);
    }

    @Override
    public String toString() {
        return "TlsSpec{client=" + client + ", internode=" + internode + ", caSecretRef=" + caSecretRef + "}";
    }
}
