package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One Cassandra node as the operator last saw it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeStatus {
    private String pod;

    /** Cassandra's host ID, stable across IP changes. */
    private String hostId;

    private String ip;

    private String datacenter;

    private String rack;

    /** Status and state as nodetool shows them: UN, DN, UJ, UL, ... */
    private String state;

    private Integer tokens;

    /** The last IP the node had; a node whose volume is lost replaces this address. */
    private String lastAddress;

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
    }

    public String getHostId() {
        return hostId;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
    }

    public String getIp() {
        return ip;
    }

    public void setIp(String ip) {
        this.ip = ip;
    }

    public String getDatacenter() {
        return datacenter;
    }

    public void setDatacenter(String datacenter) {
        this.datacenter = datacenter;
    }

    public String getRack() {
        return rack;
    }

    public void setRack(String rack) {
        this.rack = rack;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public Integer getTokens() {
        return tokens;
    }

    public void setTokens(Integer tokens) {
        this.tokens = tokens;
    }

    public String getLastAddress() {
        return lastAddress;
    }

    public void setLastAddress(String lastAddress) {
        this.lastAddress = lastAddress;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeStatus that)) {
            return false;
        }
        return Objects.equals(pod, that.pod)
                && Objects.equals(hostId, that.hostId)
                && Objects.equals(ip, that.ip)
                && Objects.equals(datacenter, that.datacenter)
                && Objects.equals(rack, that.rack)
                && Objects.equals(state, that.state)
                && Objects.equals(tokens, that.tokens)
                && Objects.equals(lastAddress, that.lastAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pod, hostId, ip, datacenter, rack, state, tokens, lastAddress);
    }

    @Override
    public String toString() {
        return "NodeStatus{"
                + "pod=" + pod
                + ", hostId=" + hostId
                + ", ip=" + ip
                + ", datacenter=" + datacenter
                + ", rack=" + rack
                + ", state=" + state
                + ", tokens=" + tokens
                + ", lastAddress=" + lastAddress
                + "}";
    }
}
