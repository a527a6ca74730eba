package dev.cassini.exporter;

/**
 * Entry point of {@code -javaagent:cassini-exporter.jar=<settings>} (see {@link ExporterSettings}).
 * Runs before Cassandra's main and must not delay or break it: the HTTP server starts on a daemon
 * thread, and if the port cannot be bound the node still starts (the failed scrape shows up in
 * Prometheus as the target being down) with the reason on stderr, which lands in the node's output log.
 */
public final class ExporterAgent {
    private ExporterAgent() {}

    public static void premain(String arguments) {
        ExporterSettings settings = ExporterSettings.parse(arguments);
        CassandraCollector collector = new CassandraCollector(settings);
        Thread starter = new Thread(
                () -> {
                    try {
                        new MetricsHttpServer(collector).start(settings.address(), settings.port());
                    } catch (Exception e) {
                        System.err.println("cassini-exporter: cannot serve metrics on " + settings.address() + ":"
                                + settings.port() + ": " + e
                                + "; Cassandra runs on without /metrics. Free the port or set CASSINI_METRICS_PORT.");
                    }
                },
                "cassini-exporter-start");
        starter.setDaemon(true);
        starter.start();
        CassandraAttachment.startWhenReady(collector);
    }
}
