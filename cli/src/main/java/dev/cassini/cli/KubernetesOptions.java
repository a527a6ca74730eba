package dev.cassini.cli;

import dev.cassini.devkube.DevKubeStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --kubeconfig} and {@code -n}, for commands that work on any Kubernetes cluster; and the
 * one place where their failures become messages that name the kubeconfig and API server used.
 */
final class KubernetesOptions {
    @Option(
            names = "--kubeconfig",
            paramLabel = "FILE",
            description = "The kubeconfig. Default: $KUBECONFIG, else the devkube ./cassini up started if it"
                    + " runs (kubectl cassini skips it), else ~/.kube/config.")
    Path kubeconfig;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NAMESPACE",
            description = "The namespace. Default: the kubeconfig context's namespace, else default.")
    String namespace;

    /** A client, the namespace it works in, and what to name in messages. */
    record Connection(KubernetesClient client, String namespace, KubeconfigChoice kubeconfig, String server)
            implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    @FunctionalInterface
    interface Body {
        int run(Connection connection) throws InterruptedException;
    }

    /**
     * Connects, runs the body and turns what goes wrong into one line on stderr that says what to
     * do, prefixed with the command's name; exit status 1 then.
     */
    int run(CommandSpec spec, Body body) {
        PrintWriter err = spec.commandLine().getErr();
        String command = spec.qualifiedName();
        KubeconfigChoice choice = KubeconfigChoice.choose(
                kubeconfig,
                System.getenv("KUBECONFIG"),
                KubeconfigChoice.asKubectlPlugin(System.getenv())
                        ? java.util.Optional.empty()
                        : new DevCluster().status().map(DevKubeStatus::kubeconfig),
                Path.of(System.getProperty("user.home")));
        Config config;
        try {
            config = load(choice);
        } catch (CommandFailure e) {
            err.println(command + ": " + e.getMessage());
            return 1;
        }
        String chosenNamespace = namespace != null
                ? namespace
                : (config.getNamespace() == null || config.getNamespace().isBlank()
                        ? "default"
                        : config.getNamespace());
        try (Connection connection = new Connection(
                new KubernetesClientBuilder().withConfig(config).build(),
                chosenNamespace,
                choice,
                config.getMasterUrl())) {
            return body.run(connection);
        } catch (CommandFailure e) {
            err.println(command + ": " + e.getMessage());
        } catch (KubernetesClientException e) {
            err.println(command + ": " + explain(e, chosenNamespace, choice, config.getMasterUrl()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(command + ": interrupted");
        }
        return 1;
    }

    static Config load(KubeconfigChoice choice) {
        if (choice.files().size() != 1) {
            // Several files in $KUBECONFIG: fabric8 merges them the way kubectl does.
            return tuned(Config.autoConfigure(null));
        }
        Path file = choice.files().get(0);
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure(
                    choice.origin().equals(KubeconfigChoice.FROM_HOME)
                            ? "no kubeconfig: $KUBECONFIG is unset, no devkube runs and " + file
                                    + " does not exist. Start a local cluster with ./cassini up, or name one with"
                                    + " --kubeconfig FILE"
                            : "kubeconfig " + choice.describe() + " does not exist");
        }
        try {
            return tuned(Config.fromKubeconfig(file.toFile()));
        } catch (KubernetesClientException e) {
            throw new CommandFailure("cannot read kubeconfig " + choice.describe() + ": " + e.getMessage());
        }
    }

    /**
     * A person waits at the terminal: an API server that does not answer is said within seconds,
     * not after fabric8's default ten retries.
     */
    private static Config tuned(Config config) {
        config.setRequestRetryBackoffLimit(1);
        config.setConnectionTimeout(10_000);
        return config;
    }

    static String explain(KubernetesClientException e, String namespace, KubeconfigChoice kubeconfig, String server) {
        String serverMessage = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage()
                : why(e);
        return explain(e.getCode(), serverMessage, namespace, kubeconfig.describe(), server);
    }

    /**
     * Why there was no answer, in a network engineer's words: the JDK's HTTP client throws a
     * ConnectException without a message, under fabric8's "Operation ... failed."
     */
    static String why(Throwable e) {
        String said = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return "connection refused or no route"
                        + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
            if (cause instanceof java.net.http.HttpTimeoutException
                    || cause instanceof java.net.SocketTimeoutException) {
                return "no answer in time";
            }
            if (cause instanceof javax.net.ssl.SSLException) {
                return "TLS failed: " + cause.getMessage();
            }
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                said = cause.getMessage().strip().replaceAll("\\.+$", "");
            }
        }
        return said == null ? e.getClass().getSimpleName() : said;
    }

    /** An API error as the action to take; a code below 1 is no answer at all. */
    static String explain(int code, String message, String namespace, String kubeconfig, String server) {
        String where = " (API server " + server + ", kubeconfig " + kubeconfig + ")";
        if (code < 1) {
            return "cannot reach the Kubernetes API server" + where + ": " + message
                    + ". Is that cluster running? Another cluster: --kubeconfig FILE or $KUBECONFIG";
        }
        return switch (code) {
            case 401, 403 ->
                "the API server refused: " + message + where
                        + ". The kubeconfig's user needs access to cassandrabackups, cassandrarestores and"
                        + " cassandraclusters in namespace "
                        + namespace;
            case 404 ->
                message.contains("namespaces \"")
                        ? "namespace " + namespace + " does not exist" + where + "; pick another with -n"
                        : "the API server does not know Cassini's resources: Cassini is not installed there" + where
                                + " (" + message + ")";
            default -> "the API server answered HTTP " + code + ": " + message + where;
        };
    }
}
