package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/**
 * A node that still holds data for ranges a bootstrapped node took over. Kept in status because
 * Cassandra does not tell which nodes need cleanup; the entry goes once its cleanup job succeeded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CleanupStatus {
    @JsonPropertyDescription("The pod whose node needs cleanup.")
    private String pod;

    @JsonPropertyDescription("The cleanup job on that node's agent, once started.")
    private String jobId;

    public CleanupStatus() {}

    public CleanupStatus(String pod, String jobId) {
        this.pod = pod;
        this.jobId = jobId;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof CleanupStatus that && Objects.equals(pod, that.pod) && Objects.equals(jobId, that.jobId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pod, jobId);
    }

    @Override
    public String toString() {
        return "CleanupStatus{pod=" + pod + ", jobId=" + jobId + "}";
    }
}
