package dev.cassini.devkube.binaries;

import dev.cassini.devkube.KubeVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the control-plane binaries are. Resolution order, first hit wins:
 * <ol>
 *   <li>the directory named by {@code CASSINI_KUBE_BIN};</li>
 *   <li>the cache in setup-envtest layout, {@code $CASSINI_CACHE/k8s/<version>-linux-amd64}
 *       ({@code CASSINI_CACHE} defaults to {@code ~/.cache/cassini});</li>
 *   <li>a fresh build from Go modules by {@code scripts/build-kube-binaries.sh}, which fills that cache.</li>
 * </ol>
 */
public record KubeBinaries(Path directory) {
    public static final List<String> NAMES =
            List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubectl");
    public static final String BIN_ENV = "CASSINI_KUBE_BIN";
    public static final String CACHE_ENV = "CASSINI_CACHE";

    public Path etcd() {
        return directory.resolve("etcd");
    }

    public Path apiServer() {
        return directory.resolve("kube-apiserver");
    }

    public Path controllerManager() {
        return directory.resolve("kube-controller-manager");
    }

    public Path scheduler() {
        return directory.resolve("kube-scheduler");
    }

    public Path kubectl() {
        return directory.resolve("kubectl");
    }

    public static Path cacheRoot(Map<String, String> env) {
        String cache = env.get(CACHE_ENV);
        return cache != null && !cache.isBlank()
                ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "cassini");
    }

    public static Path cacheDirectory(Map<String, String> env) {
        return cacheRoot(env).resolve("k8s").resolve(KubeVersion.cacheDirName());
    }

    /** The binaries from the environment or the cache, without building anything. */
    public static Optional<KubeBinaries> find(Map<String, String> env) {
        String explicit = env.get(BIN_ENV);
        if (explicit != null && !explicit.isBlank()) {
            Path dir = Path.of(explicit);
            List<String> missing = missingIn(dir);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(BIN_ENV + "=" + dir + " lacks " + missing
                        + "; point it at a directory holding " + NAMES + " or unset it to use the cache");
            }
            return Optional.of(new KubeBinaries(dir));
        }
        Path cached = cacheDirectory(env);
        return missingIn(cached).isEmpty() ? Optional.of(new KubeBinaries(cached)) : Optional.empty();
    }

    /** The binaries, building them into the cache first if needed (takes many minutes once). */
    public static KubeBinaries findOrBuild(Map<String, String> env) {
        return find(env).orElseGet(() -> {
            new KubeBinariesBuild(env).run();
            return find(env)
                    .orElseThrow(() -> new IllegalStateException("the build script finished but " + cacheDirectory(env)
                            + " still lacks " + missingIn(cacheDirectory(env))));
        });
    }

    static List<String> missingIn(Path dir) {
        return NAMES.stream().filter(n -> !Files.isExecutable(dir.resolve(n))).toList();
    }
}
