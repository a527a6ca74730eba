package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One node's rebuild in a joining datacenter: the agent job that streams its data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RebuildStatus {
    @JsonPropertyDescription("The pod whose node rebuilds.")
    private String pod;

    @JsonPropertyDescription("The rebuild job on that node's agent.")
    private String jobId;

    @JsonPropertyDescription("RUNNING, SUCCEEDED or FAILED, as the agent last reported it.")
    private String state;

    @JsonPropertyDescription("The job's progress, or its error when it failed.")
    private String detail;

    @JsonPropertyDescription("Bytes this node has received from the source datacenter so far.")
    private Long receivedBytes;

    @JsonPropertyDescription("Bytes the source datacenter's nodes announced they would send, as far as known.")
    private Long totalBytes;

    @JsonPropertyDescription("The average receive rate since the rebuild started, in bytes per second.")
    private Long bytesPerSecond;

    @JsonPropertyDescription("Seconds the rebuild still needs at that rate; 0 once done.")
    private Long etaSeconds;

    public RebuildStatus() {}

    public RebuildStatus(String pod, String jobId, String state, String detail) {
        this.pod = pod;
        this.jobId = jobId;
        this.state = state;
        this.detail = detail;
    }

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
    }

    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    public Long getReceivedBytes() {
        return receivedBytes;
    }

    public void setReceivedBytes(Long receivedBytes) {
        this.receivedBytes = receivedBytes;
    }

    public Long getTotalBytes() {
        return totalBytes;
    }

    public void setTotalBytes(Long totalBytes) {
        this.totalBytes = totalBytes;
    }

    public Long getBytesPerSecond() {
        return bytesPerSecond;
    }

    public void setBytesPerSecond(Long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    public Long getEtaSeconds() {
        return etaSeconds;
    }

    public void setEtaSeconds(Long etaSeconds) {
        this.etaSeconds = etaSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RebuildStatus that
                && Objects.equals(pod, that.pod)
                && Objects.equals(jobId, that.jobId)
                && Objects.equals(state, that.state)
                && Objects.equals(detail, that.detail)
                && Objects.equals(receivedBytes, that.receivedBytes)
                && Objects.equals(totalBytes, that.totalBytes)
                && Objects.equals(bytesPerSecond, that.bytesPerSecond)
                && Objects.equals(etaSeconds, that.etaSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pod, jobId, state, detail, receivedBytes, totalBytes, bytesPerSecond, etaSeconds);
    }

    @Override
    public String toString() {
        return "RebuildStatus{pod=" + pod + ", jobId=" + jobId + ", state=" + state + "}";
    }
}
