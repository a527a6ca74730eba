package dev.cassini.cli;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.operator.AgentCredentials;
import dev.cassini.pki.IssuedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "agent-cert",
        mixinStandardHelpOptions = true,
        description = {
            "Issue a certificate from a cluster's agent CA for a node agent outside Kubernetes (cassini node"
                    + " --api-tls DIR), so the operator and that agent can trust each other.",
            "Writes tls.crt, tls.key (readable by you only) and ca.crt into --out.",
            "",
            "Example:",
            "  cassini agent-cert vm-node-1 --cluster demo --ip 10.0.4.11 --out ./vm-node-1-tls",
        })
final class AgentCertCommand extends KubernetesSubcommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The agent's name, the certificate's common name.")
    String name;

    @Option(
            names = {"-c", "--cluster"},
            paramLabel = "CLUSTER",
            description = "The CassandraCluster whose CA signs. Default: the namespace's only cluster.")
    String cluster;

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "An address the agent is reached at (repeatable).")
    List<String> ipAddresses = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "NAME", description = "A DNS name the agent is reached at (repeatable).")
    List<String> dnsNames = new ArrayList<>();

    @Option(
            names = "--valid",
            paramLabel = "DURATION",
            description = "How long it is valid, in days (90d) or hours (12h). Default: 90d.")
    String valid = "90d";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the files.")
    Path out;

    @Override
    int run(KubernetesOptions.Connection connection) {
        Duration validity = validity(valid);
        for (String ip : ipAddresses) {
            if (!ip.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                throw new CommandFailure("--ip " + ip + " is not an IP address; use --dns for a name");
            }
        }
        if (Files.exists(out.resolve("tls.key"))) {
            throw new CommandFailure(out.resolve("tls.key") + " exists already; choose another --out or remove it"
                    + " (the agent takes new files without a restart)");
        }
        String clusterName = ClusterChoice.only(connection, cluster);
        CassandraCluster target = connection
                .client()
                .resources(CassandraCluster.class)
                .inNamespace(connection.namespace())
                .withName(clusterName)
                .get();
        IssuedCertificate issued =
                AgentCredentials.issue(connection.client(), target, name, ipAddresses, dnsNames, validity, out);
        spec.commandLine()
                .getOut()
                .printf(
                        "wrote %s, %s and %s for %s, valid until %s; start the agent with: cassini node --api-tls %s …%n",
                        out.resolve("tls.crt"),
                        out.resolve("tls.key"),
                        out.resolve("ca.crt"),
                        name,
                        issued.certificate().getNotAfter().toInstant(),
                        out);
        return 0;
    }

    /** {@code 90d} or {@code 12h}; at least an hour, at most ten years. */
    static Duration validity(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            duration = switch (value.charAt(value.length() - 1)) {
                case 'd' -> Duration.ofDays(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> null;
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            duration = null;
        }
        if (duration == null
                || duration.compareTo(Duration.ofHours(1)) < 0
                || duration.compareTo(Duration.ofDays(3650)) > 0) {
            throw new CommandFailure(
                    "--valid " + text + " is not a validity between 1h and 3650d; write it as 90d or 12h");
        }
        return duration;
    }
}
