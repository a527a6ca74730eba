package dev.cassini.store;

/**
 * How to reach one bucket of an S3-compatible store.
 *
 * @param endpoint the store's URL; null for AWS S3, which the region then picks
 * @param region the region requests are signed for
 * @param pathStyle the bucket goes in the URL's path, not its host name
 * @param accessKeyId the access key; null to use the environment's credentials (instance profile,
 *     workload identity, AWS_* variables)
 * @param secretAccessKey the secret key that goes with it
 * @param bucket the bucket
 * @param concurrency how many requests run at once (parts of one file, or files)
 * @param serverSideEncryption {@code AES256} or {@code aws:kms} for the store to encrypt what is
 *     written; null for the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms}; null for the account's default key
 * @param bandwidthBytesPerSecond the most bytes per second this client moves, up and down
 *     together; 0 for no limit
 */
public record ObjectStoreSettings(
        String endpoint,
        String region,
        boolean pathStyle,
        String accessKeyId,
        String secretAccessKey,
        String bucket,
        int concurrency,
        String serverSideEncryption,
        String kmsKeyId,
        long bandwidthBytesPerSecond) {
    /** Encryption values S3 accepts in {@code x-amz-server-side-encryption}. */
    public static final java.util.List<String> ENCRYPTIONS = java.util.List.of("AES256", "aws:kms");

    /** Settings without encryption options or a bandwidth limit. */
    public ObjectStoreSettings(
            String endpoint,
            String region,
            boolean pathStyle,
            String accessKeyId,
            String secretAccessKey,
            String bucket,
            int concurrency) {
        this(endpoint, region, pathStyle, accessKeyId, secretAccessKey, bucket, concurrency, null, null, 0);
    }

    public ObjectStoreSettings {
        if (serverSideEncryption != null && !ENCRYPTIONS.contains(serverSideEncryption)) {
            throw new IllegalArgumentException(
                    "serverSideEncryption must be AES256 or aws:kms, not " + serverSideEncryption);
        }
        if (kmsKeyId != null && !"aws:kms".equals(serverSideEncryption)) {
            throw new IllegalArgumentException("a kmsKeyId needs serverSideEncryption aws:kms");
        }
        if (bandwidthBytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidthBytesPerSecond must not be negative");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an object store needs a bucket");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both an access key id and a secret access key, or neither");
        }
        concurrency = Math.max(1, concurrency);
    }

    /** Where the bucket is, for messages: never the credentials. */
    public String describe() {
        return "bucket " + bucket + " at " + (endpoint == null ? "AWS S3 (" + region + ")" : endpoint);
    }

    /** The same store with these encryption options and bandwidth limit. */
    public ObjectStoreSettings with(String encryption, String kmsKey, long bandwidth) {
        return new ObjectStoreSettings(
                endpoint,
                region,
                pathStyle,
                accessKeyId,
                secretAccessKey,
                bucket,
                concurrency,
                encryption,
                kmsKey,
                bandwidth);
    }

    /** The same store and credentials, another bucket. */
    public ObjectStoreSettings inBucket(String otherBucket) {
        return new ObjectStoreSettings(
                endpoint,
                region,
                pathStyle,
                accessKeyId,
                secretAccessKey,
                otherBucket,
                concurrency,
                serverSideEncryption,
                kmsKeyId,
                bandwidthBytesPerSecond);
    }
}
