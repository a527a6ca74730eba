package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One node's part of a restore. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeRestoreStatus {
    private String pod;

    private String datacenter;

    private String rack;

    private String hostId;

    @JsonPropertyDescription("The key of the node manifest this node restores from.")
    private String manifest;

    @JsonPropertyDescription("The state of the node's current step: Pending, Running, Succeeded or Failed.")
    private String state;

    @JsonPropertyDescription("The agent's job id of the node's current step.")
    private String job;

    @JsonPropertyDescription("What the node does now, or why it failed.")
    private String message;

    private Integer files;

    private Long totalBytes;

    private Long downloadedBytes;

    @JsonPropertyDescription("Stream restores: bytes this node sent of the backed-up node's files so far.")
    private Long streamedBytes;

    @JsonPropertyDescription("The average transfer rate of the node's last Download or Stream step, in bytes per second"
            + " (downloaded, or sent when streaming).")
    private Long bytesPerSecond;

    @JsonPropertyDescription("Seconds that step still needs at that rate; 0 once done.")
    private Long etaSeconds;

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
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

    public String getHostId() {
        return hostId;
    }

    public void setHostId(String hostId) {
        this.hostId = hostId;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
    }

    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = job;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Integer getFiles() {
        return files;
    }

    public void setFiles(Integer files) {
        this.files = files;
    }

    public Long getTotalBytes() {
        return totalBytes;
    }

    public void setTotalBytes(Long totalBytes) {
        this.totalBytes = totalBytes;
    }

    public Long getDownloadedBytes() {
        return downloadedBytes;
    }

    public void setDownloadedBytes(Long downloadedBytes) {
        this.downloadedBytes = downloadedBytes;
    }

    public Long getStreamedBytes() {
        return streamedBytes;
    }

    public void setStreamedBytes(Long streamedBytes) {
        this.streamedBytes = streamedBytes;
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
}
