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
 */
public record ObjectStoreSettings(
        String endpoint,
        String region,
        boolean pathStyle,
        String accessKeyId,
        String secretAccessKey,
        String bucket,
        int concurrency) {
    public ObjectStoreSettings {
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
}
