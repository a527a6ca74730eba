package dev.cassini.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "cassini",
        mixinStandardHelpOptions = true,
        versionProvider = CassiniVersion.class,
        description = "Runs Apache Cassandra on Kubernetes, and on this machine for development.",
        subcommands = {
            UpCommand.class,
            DownCommand.class,
            CqlCommand.class,
            StatusCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            RepairCommand.class,
            TaskCommand.class,
            NodeCommand.class,
            AgentCertCommand.class,
            MigrateCommand.class,
            DevCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class CassiniCommand {
    public static void main(String[] args) {
        System.exit(new CommandLine(new CassiniCommand())
                .setCaseInsensitiveEnumValuesAllowed(true) // --command compact as well as Compact
                .execute(args));
    }
}
