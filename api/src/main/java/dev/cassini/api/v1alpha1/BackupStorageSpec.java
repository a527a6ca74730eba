package dev.cassini.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Objects;

/**
 * An S3-compatible bucket (AWS S3, or any server speaking its API: MinIO, Ceph RGW, s3proxy, Google
 * Cloud Storage's XML API) and how hard each node may use it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.kmsKeyId) || (has(self.serverSideEncryption) && self.serverSideEncryption == 'aws:kms')",
        message = "kmsKeyId needs serverSideEncryption: aws:kms; set both, or remove kmsKeyId")
public class BackupStorageSpec {
    @JsonPropertyDescription("The bucket; it must exist. 3 to 63 lowercase letters, digits, '.' and '-'.")
    @Required
    @Size(min = 3, max = 63)
    @ValidationRule(
            value = "self.matches('^[a-z0-9][a-z0-9.-]*[a-z0-9]$')",
            message = "bucket must be an S3 bucket name: lowercase letters, digits, '.' and '-', starting and ending "
                    + "with a letter or digit, e.g. cassandra-backups")
    private String bucket;

    @JsonPropertyDescription(
            "Key prefix for everything this cluster writes, so several clusters can share a bucket; <namespace>/<name> of the cluster when unset.")
    @Size(max = 512)
    private String prefix;

    @JsonPropertyDescription(
            "The store's URL, e.g. http://minio.storage:9000; unset for AWS S3, which the region then picks.")
    @Size(max = 2048)
    @ValidationRule(
            value = "self.matches('^https?://[^/?#\\\\s]+(/.*)?$')",
            message =
                    "endpoint must be an http:// or https:// URL with a host, e.g. https://s3.eu-west-1.amazonaws.com "
                            + "or http://minio.storage:9000")
    private String endpoint;

    @JsonPropertyDescription(
            "The region the requests are signed for; us-east-1 when unset (what most S3-compatible stores expect).")
    @Default("us-east-1")
    @Size(min = 1, max = 64)
    private String region;

    @JsonPropertyDescription(
            "Address the bucket in the URL's path (http://host/bucket/key) instead of the host name; most S3-compatible stores need this.")
    private boolean pathStyle;

    @JsonPropertyDescription(
            "Secret in the cluster's namespace with accessKeyId and secretAccessKey keys; unset to use the nodes' own credentials (instance profile, workload identity).")
    @Size(max = 253)
    private String credentialsSecretRef;

    @JsonPropertyDescription(
            "Server-side encryption of every object written: AES256 or aws:kms; the bucket's default when unset.")
    @ValidationRule(
            value = "self == 'AES256' || self == 'aws:kms'",
            message = "serverSideEncryption must be AES256 or aws:kms")
    private String serverSideEncryption;

    @JsonPropertyDescription("The KMS key for serverSideEncryption: aws:kms; the account's default S3 key when unset.")
    @Size(max = 2048)
    private String kmsKeyId;

    @JsonPropertyDescription(
            "The most each node uploads or downloads per second, a Kubernetes quantity of bytes such as 100Mi; unlimited when unset.")
    @Size(max = 32)
    @ValidationRule(
            value = "isQuantity(self) && quantity(self).isGreaterThan(quantity('0'))",
            message = "bandwidthPerNode must be a positive quantity of bytes per second, such as 50Mi or 1Gi")
    private String bandwidthPerNode;

    @JsonPropertyDescription("How many files each node moves at once; 4 when unset.")
    @Default("4")
    @Min(1)
    @Max(64)
    private Integer concurrencyPerNode;

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public boolean isPathStyle() {
        return pathStyle;
    }

    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    public String getCredentialsSecretRef() {
        return credentialsSecretRef;
    }

    public void setCredentialsSecretRef(String credentialsSecretRef) {
        this.credentialsSecretRef = credentialsSecretRef;
    }

    public String getServerSideEncryption() {
        return serverSideEncryption;
    }

    public void setServerSideEncryption(String serverSideEncryption) {
        this.serverSideEncryption = serverSideEncryption;
    }

    public String getKmsKeyId() {
        return kmsKeyId;
    }

    public void setKmsKeyId(String kmsKeyId) {
        this.kmsKeyId = kmsKeyId;
    }

    public String getBandwidthPerNode() {
        return bandwidthPerNode;
    }

    public void setBandwidthPerNode(String bandwidthPerNode) {
        this.bandwidthPerNode = bandwidthPerNode;
    }

    public Integer getConcurrencyPerNode() {
        return concurrencyPerNode;
    }

    public void setConcurrencyPerNode(Integer concurrencyPerNode) {
        this.concurrencyPerNode = concurrencyPerNode;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof BackupStorageSpec that
                        && pathStyle == that.pathStyle
                        && Objects.equals(bucket, that.bucket)
                        && Objects.equals(prefix, that.prefix)
                        && Objects.equals(endpoint, that.endpoint)
                        && Objects.equals(region, that.region)
                        && Objects.equals(credentialsSecretRef, that.credentialsSecretRef)
                        && Objects.equals(serverSideEncryption, that.serverSideEncryption)
                        && Objects.equals(kmsKeyId, that.kmsKeyId)
                        && Objects.equals(bandwidthPerNode, that.bandwidthPerNode)
                        && Objects.equals(concurrencyPerNode, that.concurrencyPerNode));
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                bucket,
                prefix,
                endpoint,
                region,
                pathStyle,
                credentialsSecretRef,
                serverSideEncryption,
                kmsKeyId,
                bandwidthPerNode,
                concurrencyPerNode);
    }

    /** Names where the backups go, never the credentials' content (there is none here, only the Secret's name). */
    @Override
    public String toString() {
        return "BackupStorageSpec{bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region="
                + region + ", pathStyle=" + pathStyle + ", credentialsSecretRef=" + credentialsSecretRef
                + ", serverSideEncryption=" + serverSideEncryption + ", kmsKeyId=" + kmsKeyId + ", bandwidthPerNode="
                + bandwidthPerNode + ", concurrencyPerNode=" + concurrencyPerNode + "}";
    }
}
