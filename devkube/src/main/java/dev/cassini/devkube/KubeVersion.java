package dev.cassini.devkube;

/**
 * The one Kubernetes version devkube runs. It must equal the {@code k8s.io/kubernetes} version
 * pinned in {@code devkube/kube-binaries/go.mod} (a unit test checks), because the binaries are
 * looked up in the cache under this version.
 */
public final class KubeVersion {
    public static final String PINNED = "1.36.3";

    private KubeVersion() {}

    /** The setup-envtest cache directory name, e.g. {@code 1.36.3-linux-amd64}. */
    public static String cacheDirName() {
        return PINNED + "-linux-amd64";
    }
}
