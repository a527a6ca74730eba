package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/operations/backup}: snapshot this node and upload the snapshot to an object
 * store, each content once under its digest, then the node's manifest (see {@code
 * dev.cassini.contract.backup.BackupLayout}).
 *
 * @param backupId the backup this node's part belongs to (a Kubernetes name)
 * @param clusterName Cassandra's cluster name, for the manifest
 * @param pod the node's pod, for the manifest
 * @param bucket the bucket
 * @param prefix the key prefix of everything the cluster writes there
 * @param endpoint the store's URL; absent for AWS S3
 * @param region the region requests are signed for
 * @param pathStyle the bucket goes in the URL's path
 * @param accessKeyId the access key; absent to use the node's own credentials
 * @param secretAccessKey its secret
 * @param concurrency how many files move at once
 * @param serverSideEncryption {@code AES256} or {@code aws:kms} for the store to encrypt what is written; absent for the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms}; absent for the account's default key
 * @param bandwidthBytesPerSecond the most bytes per second the node moves to and from the store; absent for no limit
 * @param keyspaces the keyspaces to back up; absent (with tables) for every keyspace but the node-local system ones
 * @param tables single tables to back up, as {@code keyspace.table}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupRequest(
        String backupId,
        String clusterName,
        String pod,
        String bucket,
        String prefix,
        String endpoint,
        String region,
        Boolean pathStyle,
        String accessKeyId,
        String secretAccessKey,
        Integer concurrency,
        String serverSideEncryption,
        String kmsKeyId,
        Long bandwidthBytesPerSecond,
        List<String> keyspaces,
        List<String> tables) {
    /** The backup job's figures ({@link JobView#figures()}): files in the node's manifest. */
    public static final String FILES = "files";
    /** Bytes of those files. */
    public static final String TOTAL_BYTES = "totalBytes";
    /** Bytes the job wrote to the store: new content and the manifest. */
    public static final String UPLOADED_BYTES = "uploadedBytes";
    /** Bytes it did not write because the store had the content already. */
    public static final String REUSED_BYTES = "reusedBytes";
}
