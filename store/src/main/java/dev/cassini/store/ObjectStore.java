package dev.cassini.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One bucket of an S3-compatible store, through the AWS SDK's S3 client. Files stream from disk and
 * to disk: a file above {@link #PART_SIZE} goes up as a multipart upload whose parts are read from
 * their place in the file and sent {@code concurrency} at a time, so memory does not grow with the
 * data. Checksums are computed only where a request requires one, which S3-compatible servers
 * accept. Every failure becomes an {@link ObjectStoreException} that says what to check.
 */
public final class ObjectStore implements AutoCloseable {
    /** Parts of a multipart upload: large enough that 10,000 parts hold 160 GiB, small enough to retry cheaply. */
    public static final long PART_SIZE = 16L << 20;

    private final ObjectStoreSettings settings;
    private final S3Client s3;
    private final ExecutorService parts;
    /** The bandwidth limit over every transfer of this client; null without one. */
    private final Throttle throttle;

    public ObjectStore(ObjectStoreSettings settings) {
        this.settings = settings;
        AwsCredentialsProvider credentials = settings.accessKeyId() == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        // Adaptive retries: on throttling answers (503 SlowDown, 429) the client backs off and also
        // slows its own request rate, instead of retrying at full speed.
        builder.overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.core.retry.RetryMode.ADAPTIVE_V2));
        this.s3 = builder.build();
        this.throttle = settings.bandwidthBytesPerSecond() > 0 ? Throttle.of(settings.bandwidthBytesPerSecond()) : null;
        this.parts = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "object-store-part");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks that the bucket exists and the credentials may use it; throws what is wrong otherwise. */
    public void checkAccess() {
        call("reach", settings.bucket(), () -> s3.headBucket(b -> b.bucket(settings.bucket())));
    }

    /** Creates the bucket (for a store this product runs itself; real buckets are the user's to make). */
    public void createBucket() {
        call("create", settings.bucket(), () -> s3.createBucket(b -> b.bucket(settings.bucket())));
    }

    public boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket(settings.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw translate("look up", key, e);
        } catch (SdkException e) {
            throw translate("look up", key, e);
        }
    }

    public void put(String key, byte[] content) {
        call(
                "write",
                key,
                () -> s3.putObject(
                        b -> encrypted(b.bucket(settings.bucket()).key(key)), RequestBody.fromBytes(content)));
    }

    /** The request with the settings' server-side encryption, when they ask for one. */
    private software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder encrypted(
            software.amazon.awssdk.services.s3.model.PutObjectRequest.Builder request) {
        if (settings.serverSideEncryption() != null) {
            request.serverSideEncryption(settings.serverSideEncryption());
            if (settings.kmsKeyId() != null) {
                request.ssekmsKeyId(settings.kmsKeyId());
            }
        }
        return request;
    }

    private software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder encrypted(
            software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.Builder request) {
        if (settings.serverSideEncryption() != null) {
            request.serverSideEncryption(settings.serverSideEncryption());
            if (settings.kmsKeyId() != null) {
                request.ssekmsKeyId(settings.kmsKeyId());
            }
        }
        return request;
    }

    /** Uploads the file under {@code key}, in parts when it is large; a failed multipart upload is aborted. */
    public void put(String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size <= PART_SIZE) {
            call(
                    "write",
                    key,
                    () -> s3.putObject(
                            b -> encrypted(b.bucket(settings.bucket()).key(key).contentLength(size)),
                            RequestBody.fromContentProvider(
                                    () -> region(file, 0, size), size, "application/octet-stream")));
            return;
        }
        String uploadId = call(
                        "start a multipart upload of",
                        key,
                        () -> s3.createMultipartUpload(
                                b -> encrypted(b.bucket(settings.bucket()).key(key))))
                .uploadId();
        try {
            List<Future<CompletedPart>> sent = new ArrayList<>();
            int count = (int) ((size + PART_SIZE - 1) / PART_SIZE);
            for (int i = 0; i < count; i++) {
                int number = i + 1;
                long offset = i * PART_SIZE;
                long length = Math.min(PART_SIZE, size - offset);
                sent.add(parts.submit(() -> {
                    String etag = call(
                                    "write part " + number + " of",
                                    key,
                                    () -> s3.uploadPart(
                                            b -> b.bucket(settings.bucket())
                                                    .key(key)
                                                    .uploadId(uploadId)
                                                    .partNumber(number)
                                                    .contentLength(length),
                                            RequestBody.fromContentProvider(
                                                    () -> region(file, offset, length),
                                                    length,
                                                    "application/octet-stream")))
                            .eTag();
                    return CompletedPart.builder().partNumber(number).eTag(etag).build();
                }));
            }
            List<CompletedPart> done = new ArrayList<>();
            for (Future<CompletedPart> part : sent) {
                done.add(part.get());
            }
            done.sort(Comparator.comparing(CompletedPart::partNumber));
            call(
                    "finish the multipart upload of",
                    key,
                    () -> s3.completeMultipartUpload(b -> b.bucket(settings.bucket())
                            .key(key)
                            .uploadId(uploadId)
                            .multipartUpload(m -> m.parts(done))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(key, uploadId);
            throw new IOException("interrupted while uploading " + key, e);
        } catch (ExecutionException | RuntimeException e) {
            abort(key, uploadId);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof ObjectStoreException failure) {
                throw failure;
            }
            throw new ObjectStoreException(
                    "could not upload " + key + " to " + settings.describe() + ": " + cause, cause);
        }
    }

    /** A fresh stream over one part of the file (throttled); the SDK asks again when it retries the part. */
    private InputStream region(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            return throttled(new BoundedInputStream(Channels.newInputStream(channel), length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void abort(String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The upload stays incomplete; a bucket lifecycle rule or the next backup's cleanup removes it.
        }
    }

    /** Downloads the object to {@code target}, through a temporary file beside it, so a failure leaves no half file. */
    public void get(String key, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try {
            call(
                    "read",
                    key,
                    () -> s3.getObject(b -> b.bucket(settings.bucket()).key(key), (response, in) -> {
                        try (InputStream body = throttled(in)) {
                            Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
                        }
                        return response;
                    }));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    public byte[] get(String key) {
        return call(
                        "read",
                        key,
                        () -> s3.getObjectAsBytes(
                                b -> b.bucket(settings.bucket()).key(key)))
                .asByteArray();
    }

    /** The stream, paced by the bandwidth limit when there is one. */
    private InputStream throttled(InputStream in) {
        if (throttle == null) {
            return in;
        }
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    pace(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    pace(n);
                }
                return n;
            }

            private void pace(int bytes) throws IOException {
                try {
                    throttle.acquire(bytes);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for bandwidth");
                }
            }
        };
    }

    /** Every object whose key starts with {@code prefix}, in key order. */
    public List<StoredObject> list(String prefix) {
        List<StoredObject> objects = new ArrayList<>();
        call(
                        "list",
                        prefix,
                        () -> s3.listObjectsV2Paginator(
                                b -> b.bucket(settings.bucket()).prefix(prefix)))
                .contents()
                .forEach((S3Object o) -> objects.add(new StoredObject(o.key(), o.size(), o.lastModified())));
        return objects;
    }

    public void delete(String key) {
        call(
                "delete",
                key,
                () -> s3.deleteObject(b -> b.bucket(settings.bucket()).key(key)));
    }

    private <T> T call(String what, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw translate(what, key, e);
        }
    }

    /** The store's refusal in words a user can act on. */
    private ObjectStoreException translate(String what, String key, SdkException e) {
        String where = settings.describe();
        String cause;
        if (e instanceof S3Exception s3e) {
            String code =
                    s3e.awsErrorDetails() == null ? null : s3e.awsErrorDetails().errorCode();
            cause = switch (code == null ? "" : code) {
                case "NoSuchBucket" -> "the bucket does not exist; create it, or correct spec.backup.storage.bucket";
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId" ->
                    "the store refused the credentials (" + code + "); check the accessKeyId and secretAccessKey in"
                            + " the Secret named by spec.backup.storage.credentialsSecretRef";
                case "NotImplemented" ->
                    settings.serverSideEncryption() != null
                            ? "the store does not implement server-side encryption (" + s3e.getMessage()
                                    + "); remove spec.backup.storage.serverSideEncryption, or encrypt the bucket by"
                                    + " default on the store's side"
                            : "the store does not implement this request (" + s3e.getMessage() + ")";
                case "AccessDenied" ->
                    "the credentials may not do this (AccessDenied); grant them s3:GetObject,"
                            + " s3:PutObject, s3:DeleteObject and s3:ListBucket on the bucket";
                default ->
                    s3e.statusCode() == 404 && "reach".equals(what)
                            ? "the bucket does not exist; create it, or correct spec.backup.storage.bucket"
                            : s3e.statusCode() == 403 && "reach".equals(what)
                                    ? "the store refused the request (403); check the credentials in the Secret named by"
                                            + " spec.backup.storage.credentialsSecretRef and their rights on the bucket"
                                    : "the store answered " + s3e.statusCode() + " " + (code == null ? "" : code + " ")
                                            + "(" + s3e.getMessage() + ")";
            };
        } else if (e instanceof SdkClientException) {
            cause = "cannot reach the store (" + e.getMessage()
                    + "); check spec.backup.storage.endpoint and that the nodes can connect to it";
        } else {
            cause = e.getMessage();
        }
        return new ObjectStoreException("could not " + what + " " + key + " in " + where + ": " + cause, e);
    }

    @Override
    public void close() {
        parts.shutdownNow();
        s3.close();
    }
}
