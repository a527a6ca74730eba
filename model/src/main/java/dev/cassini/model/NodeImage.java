package dev.cassini.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the Cassandra node containers come from: a repository, tagged with each cluster's Cassandra
 * version (the node image of Cassandra 5.0.6 is {@code <repository>:5.0.6}), and the Secrets the
 * kubelet pulls it with. One setting of the operator's, for every cluster it runs.
 */
public record NodeImage(String repository, List<String> pullSecrets) {
    /** registry[:port]/path, lower case, with neither a tag nor a digest: the version is the tag. */
    private static final Pattern REPOSITORY = Pattern.compile(
            "([a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]{1,5})?/)?[a-z0-9]+([._-]{1,2}[a-z0-9]+)*(/[a-z0-9]+([._-]{1,2}[a-z0-9]+)*)*");

    private static final Pattern SECRET_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    // After the patterns, which its construction uses.
    /** The name the image builds under, and which devkube's kubelet runs without pulling. */
    public static final NodeImage DEFAULT = new NodeImage("cassini/node", List.of());

    public NodeImage {
        if (!REPOSITORY.matcher(repository).matches()) {
            String hint = repository.contains("@") || repository.lastIndexOf(':') > repository.lastIndexOf('/')
                    ? "leave out the tag or digest: each cluster's Cassandra version is the tag"
                    : "write a lower-case repository such as registry.example.com/cassini/node";
            throw new IllegalArgumentException("\"" + repository + "\" is not an image repository; " + hint);
        }
        for (String secret : pullSecrets) {
            if (!SECRET_NAME.matcher(secret).matches()) {
                throw new IllegalArgumentException(
                        "\"" + secret + "\" is not a Secret name (lower-case letters, digits, '-' and '.')");
            }
        }
        pullSecrets = List.copyOf(pullSecrets);
    }

    /** The image a node of Cassandra {@code cassandraVersion} runs. */
    public String reference(String cassandraVersion) {
        return repository + ":" + cassandraVersion;
    }
}
