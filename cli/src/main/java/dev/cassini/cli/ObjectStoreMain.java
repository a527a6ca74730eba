package dev.cassini.cli;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code cassini/objectstore} image under devkube: a real S3 server (s3proxy on its
 * filesystem backend, with SigV4 and multipart) serving one directory, for backups on this
 * machine. It runs in its own class loader over s3proxy's jar, so none of the CLI's libraries
 * meet s3proxy's own versions of them.
 *
 * <p>Configured by the environment: {@code POD_IP} (else devkube's {@code DEVKUBE_POD_IP}) and
 * {@value #PORT_ENV} to listen on, {@value #DATA_ENV} the directory to serve, {@value
 * #ACCESS_KEY_ENV} and {@value #SECRET_KEY_ENV} the one credential it accepts.
 */
public final class ObjectStoreMain {
    static final String DATA_ENV = "CASSINI_OBJECTSTORE_DATA";
    static final String PORT_ENV = "CASSINI_OBJECTSTORE_PORT";
    static final String ACCESS_KEY_ENV = "CASSINI_OBJECTSTORE_ACCESS_KEY";
    static final String SECRET_KEY_ENV = "CASSINI_OBJECTSTORE_SECRET_KEY";
    static final int DEFAULT_PORT = 9000;

    private ObjectStoreMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String ip = env.getOrDefault("POD_IP", env.getOrDefault("DEVKUBE_POD_IP", "127.0.0.1"));
        String port = env.getOrDefault(PORT_ENV, String.valueOf(DEFAULT_PORT));
        Path data = Path.of(require(env, DATA_ENV));
        Files.createDirectories(data);
        Path jar = s3proxyJar();
        System.setProperty("s3proxy.endpoint", "http://" + ip + ":" + port);
        System.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        System.setProperty("s3proxy.identity", require(env, ACCESS_KEY_ENV));
        System.setProperty("s3proxy.credential", require(env, SECRET_KEY_ENV));
        System.setProperty("jclouds.provider", "filesystem-nio2");
        System.setProperty("jclouds.filesystem.basedir", data.toAbsolutePath().toString());
        System.out.printf("objectstore: serving %s on http://%s:%s%n", data, ip, port);
        ClassLoader isolated =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(isolated);
        Method main = isolated.loadClass("org.gaul.s3proxy.Main").getMethod("main", String[].class);
        // s3proxy reads its settings from system properties over the (empty) properties file.
        main.invoke(null, (Object) new String[] {"--properties", "/dev/null"});
    }

    private static String require(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the object store needs $" + name);
        }
        return value;
    }

    /** s3proxy's jar, which the CLI's build puts beside the CLI's jar (or classes) under s3proxy/. */
    static Path s3proxyJar() throws Exception {
        Path here = Path.of(ObjectStoreMain.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path jar = here.resolveSibling("s3proxy").resolve("s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no s3proxy jar at " + jar + "; build the CLI again (./cassini builds it"
                    + " when its sources change, or: mvn -pl cli -am package -DskipTests)");
        }
        return jar;
    }
}
