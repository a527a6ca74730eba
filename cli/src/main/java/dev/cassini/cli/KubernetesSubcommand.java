package dev.cassini.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every backup and restore command has: the cluster options, and its failures turned into
 * one line on stderr that says what to do.
 */
abstract class KubernetesSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KubernetesOptions kube;

    @Override
    public Integer call() {
        try {
            return kube.run(spec, this::run);
        } finally {
            // The commands print whole tables with print(), which an autoflushing writer does not flush,
            // and main() exits right after.
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
        }
    }

    abstract int run(KubernetesOptions.Connection connection) throws InterruptedException;
}
