package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/operations/restore}: one {@link RestoreStep} of restoring tables of a node
 * manifest onto this node (see {@code dev.cassini.contract.backup.BackupLayout}). The same
 * manifest, filters and restore id go with every step, so each step chooses the same tables.
 *
 * @param restoreId the restore this is part of (a Kubernetes name); names the node's staging directory
 * @param step which step to run
 * @param manifest the key of the node manifest whose files this node restores
 * @param bucket the bucket
 * @param prefix the key prefix of the backups there
 * @param endpoint the store's URL; absent for AWS S3
 * @param region the region requests are signed for
 * @param pathStyle the bucket goes in the URL's path
 * @param accessKeyId the access key; absent to use the node's own credentials
 * @param secretAccessKey its secret
 * @param concurrency how many files move at once
 * @param serverSideEncryption {@code AES256} or {@code aws:kms} for the store to encrypt what is written; absent for the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms}; absent for the account's default key
 * @param bandwidthBytesPerSecond the most bytes per second the node moves to and from the store; absent for no limit
 * @param keyspaces the keyspaces to restore; absent (with tables) for every keyspace in the manifest but the system ones
 * @param tables single tables to restore, as {@code keyspace.table}
 * @param streams for {@link RestoreStep#STREAM} only: where the files go
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RestoreRequest(
        String restoreId,
        RestoreStep step,
        String manifest,
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
        List<String> tables,
        RestoreStreams streams) {
    /** The restore job's figures ({@link JobView#figures()}): files of the chosen tables in the manifest. */
    public static final String FILES = "files";
    /** Bytes of those files. */
    public static final String TOTAL_BYTES = "totalBytes";
    /** Bytes downloaded by this job. */
    public static final String DOWNLOADED_BYTES = "downloadedBytes";
    /** Bytes already staged, checked and kept, by an earlier, interrupted download. */
    public static final String STAGED_BYTES = "stagedBytes";
    /** Tables truncated, imported or streamed. */
    public static final String TABLES = "tables";
    /** Bytes streamed to other nodes by this job. */
    public static final String STREAMED_BYTES = "streamedBytes";
}
