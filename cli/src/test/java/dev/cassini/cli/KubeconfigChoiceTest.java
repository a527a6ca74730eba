package dev.cassini.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KubeconfigChoiceTest {
    private static final Path HOME = Path.of("/home/sre");
    private static final Optional<Path> DEVKUBE = Optional.of(Path.of("/home/sre/.cache/cassini/devkube/kubeconfig"));

    @Test
    void theOptionWinsOverEverything() {
        KubeconfigChoice choice = KubeconfigChoice.choose(Path.of("prod.yaml"), "/etc/kube/a", DEVKUBE, HOME);

        assertThat(choice.files()).containsExactly(Path.of("prod.yaml"));
        assertThat(choice.describe()).isEqualTo("prod.yaml (--kubeconfig)");
    }

    @Test
    void kubeconfigVariableComesNextWithEveryFileItLists() {
        KubeconfigChoice choice = KubeconfigChoice.choose(
                null, "/etc/kube/a" + File.pathSeparator + File.pathSeparator + "/etc/kube/b", DEVKUBE, HOME);

        assertThat(choice.files()).containsExactly(Path.of("/etc/kube/a"), Path.of("/etc/kube/b"));
        assertThat(choice.origin()).isEqualTo("$KUBECONFIG");
    }

    @Test
    void aRunningDevkubeComesBeforeTheHomeKubeconfig() {
        assertThat(KubeconfigChoice.choose(null, "", DEVKUBE, HOME))
                .isEqualTo(new KubeconfigChoice(List.of(DEVKUBE.get()), KubeconfigChoice.FROM_DEVKUBE));
    }

    @Test
    void withNothingElseItIsTheHomeKubeconfig() {
        KubeconfigChoice choice = KubeconfigChoice.choose(null, null, Optional.empty(), HOME);

        assertThat(choice.describe()).isEqualTo("/home/sre/.kube/config (the default, ~/.kube/config)");
    }

    @Test
    void onlyThePluginsMarkMakesThisProcessTheKubectlPlugin() {
        assertThat(KubeconfigChoice.asKubectlPlugin(java.util.Map.of(KubeconfigChoice.KUBECTL_PLUGIN_ENV, "1")))
                .isTrue();
        assertThat(KubeconfigChoice.asKubectlPlugin(java.util.Map.of())).isFalse();
        assertThat(KubeconfigChoice.asKubectlPlugin(java.util.Map.of(KubeconfigChoice.KUBECTL_PLUGIN_ENV, "")))
                .isFalse();
    }
}
