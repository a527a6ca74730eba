package dev.cassini.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which kubeconfig a command uses, and why, so that every error about the API server can say
 * which cluster was asked. The order is kubectl's, with the local devkube of {@code cassini up}
 * before {@code ~/.kube/config}: on a laptop that runs one, it is the cluster meant. Run as the
 * kubectl plugin ({@code kubectl cassini}), it is kubectl's order exactly: the devkube is not a
 * candidate, so the plugin works on kubectl's current context.
 *
 * @param files one file, or the list {@code $KUBECONFIG} names (kubectl merges them)
 * @param origin where the choice came from, for messages
 */
record KubeconfigChoice(List<Path> files, String origin) {
    static final String FROM_OPTION = "--kubeconfig";
    static final String FROM_ENV = "$KUBECONFIG";
    static final String FROM_DEVKUBE = "the devkube that ./cassini up started";
    static final String FROM_HOME = "the default, ~/.kube/config";

    /** Set by {@code deploy/kubectl-plugin/kubectl-cassini}. */
    static final String KUBECTL_PLUGIN_ENV = "CASSINI_KUBECTL_PLUGIN";

    /** Whether this process runs as {@code kubectl cassini}. */
    static boolean asKubectlPlugin(java.util.Map<String, String> env) {
        return "1".equals(env.get(KUBECTL_PLUGIN_ENV));
    }

    /**
     * @param option {@code --kubeconfig}, or null
     * @param kubeconfigEnv {@code $KUBECONFIG}, or null
     * @param devkube the running devkube's kubeconfig, if one runs
     * @param home the user's home directory
     */
    static KubeconfigChoice choose(Path option, String kubeconfigEnv, Optional<Path> devkube, Path home) {
        if (option != null) {
            return new KubeconfigChoice(List.of(option), FROM_OPTION);
        }
        if (kubeconfigEnv != null && !kubeconfigEnv.isBlank()) {
            List<Path> files = Arrays.stream(kubeconfigEnv.split(File.pathSeparator))
                    .filter(s -> !s.isBlank())
                    .map(Path::of)
                    .toList();
            return new KubeconfigChoice(files, FROM_ENV);
        }
        if (devkube.isPresent()) {
            return new KubeconfigChoice(List.of(devkube.get()), FROM_DEVKUBE);
        }
        return new KubeconfigChoice(List.of(home.resolve(".kube").resolve("config")), FROM_HOME);
    }

    /** For messages: the file(s) and where the choice came from. */
    String describe() {
        return String.join(
                        File.pathSeparator, files.stream().map(Path::toString).toList()) + " (" + origin + ")";
    }
}
