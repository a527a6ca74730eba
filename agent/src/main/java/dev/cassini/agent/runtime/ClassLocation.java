package dev.cassini.agent.runtime;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * Where a class was loaded from: the jar, or the classes directory of a build tree. Jars that run
 * in another JVM (the exporter in Cassandra's, the loader in its own) are found this way, by
 * resource, without loading their classes into the agent.
 */
public final class ClassLocation {
    private ClassLocation() {}

    /**
     * @param resource the class file's URL, as a class loader found it
     * @param classResource the class file's path, e.g. {@code dev/cassini/loader/RangeLoader.class}
     */
    public static Path of(URL resource, String classResource) throws IOException {
        try {
            String url = resource.toString();
            if (url.startsWith("jar:")) {
                return Path.of(new URL(url.substring("jar:".length(), url.indexOf("!/"))).toURI());
            }
            Path root = Path.of(resource.toURI());
            for (int i = 0; i < classResource.split("/").length; i++) {
                root = root.getParent();
            }
            return root;
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate " + classResource + " from " + resource, e);
        }
    }
}
