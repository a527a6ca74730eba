package dev.cassini.cli;

import picocli.CommandLine.Option;

/** {@code --no-wait} and {@code --timeout} of the delete commands: whether and how long to wait for the resource to go. */
final class DeletionWait {
    @Option(names = "--no-wait", description = "Return once the deletion is asked for.")
    boolean noWait;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "How long to wait for the resource to go. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds = 300;
}
