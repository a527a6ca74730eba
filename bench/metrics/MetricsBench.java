import com.datastax.oss.driver.api.core.CqlSession;
import dev.cassini.agent.config.NodeConfigLoader;
import dev.cassini.agent.metrics.MetricsCql;
import dev.cassini.agent.metrics.MetricsNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scrape cost of Cassini's exporter against io.prometheus.jmx:jmx_prometheus_javaagent:1.0.1 (default
 * and Cassandra-tuned configuration), side by side in the same Cassandra node, with 50 and 500 tables.
 * Run by hand through bench/metrics/run.sh; not part of the test run.
 *
 * Per exporter: median and p90 scrape latency over repeated scrapes (up to the given number, at least
 * three, and no more than a minute's worth), Cassandra CPU per scrape (process CPU during the scrapes
 * minus the idle rate measured just before), and the number of series.
 */
public class MetricsBench {
    static final String ADDRESS = "127.0.3.31";
    static final int CASSINI_PORT = 9500;
    static final int JMX_PORT = 9404;
    static final Duration BUDGET = Duration.ofSeconds(60);
    static final int MIN_SCRAPES = 3;
    /**
     * Cassandra needs about 1 MB of heap per table (500 tables do not fit in 512M), and the JMX
     * exporter's default configuration builds a response of about a million series in the heap.
     */
    static final String HEAP = "2G";

    record Result(String exporter, int tables, double medianMs, double p90Ms, double cpuMsPerScrape, int series, int scrapes) {}

    private final Path work;
    private final Path jmxJar;
    private final Path benchDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MetricsNode node;
    private String runningConfig;

    MetricsBench(Path work, Path jmxJar, Path benchDir) {
        this.work = work;
        this.jmxJar = jmxJar;
        this.benchDir = benchDir;
    }

    public static void main(String[] args) throws Exception {
        MetricsBench bench = new MetricsBench(Path.of(args[0]).toAbsolutePath(), Path.of(args[1]).toAbsolutePath(), Path.of(args[2]).toAbsolutePath());
        List<Integer> sizes = args.length > 3 ? Arrays.stream(args[3].split(",")).map(Integer::parseInt).toList() : List.of(50, 500);
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        try {
            bench.run(sizes, repeats);
        } finally {
            bench.stopNode();
        }
    }

    void run(List<Integer> sizes, int repeats) throws Exception {
        List<Result> results = new ArrayList<>();
        // Order the phases so each size needs one restart: default, tuned, then tuned, default.
        boolean tunedFirst = false;
        for (int tables : sizes) {
            List<String> configs = tunedFirst ? List.of("tuned", "default") : List.of("default", "tuned");
            for (String config : configs) {
                startNode(config);
                ensureTables(tables);
                if (config.equals(configs.get(0))) {
                    results.add(measure("cassini", tables, CASSINI_PORT, repeats));
                }
                results.add(measure("jmx-" + config, tables, JMX_PORT, repeats));
            }
            tunedFirst = !tunedFirst;
        }
        print(results);
    }

    void startNode(String jmxConfig) throws Exception {
        if (jmxConfig.equals(runningConfig)) {
            return;
        }
        stopNode();
        Path config = benchDir.resolve("jmx-exporter-" + (jmxConfig.equals("default") ? "default" : "cassandra") + ".yaml");
        node = MetricsNode.start("metrics-bench", ADDRESS, work.resolve("node"), Map.of(
                NodeConfigLoader.ENV_METRICS_PORT, Integer.toString(CASSINI_PORT),
                NodeConfigLoader.ENV_HEAP, HEAP,
                // Every table, as the JMX exporter exports them all: the same data on both sides.
                NodeConfigLoader.ENV_METRICS_TABLE_LIMIT, "1000",
                NodeConfigLoader.ENV_JVM_OPTIONS, "-javaagent:" + jmxJar + "=" + ADDRESS + ":" + JMX_PORT + ":" + config),
                work.resolve("cassandra-output.log"));
        runningConfig = jmxConfig;
        System.err.printf("node up with the %s JMX exporter configuration%n", jmxConfig);
    }

    void stopNode() throws Exception {
        if (node != null) {
            try {
                node.close();
            } finally {
                node = null;
                runningConfig = null;
            }
        }
    }

    void ensureTables(int tables) throws Exception {
        try (CqlSession session = MetricsCql.connect(ADDRESS, 9042, "dc1")) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS bench WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            int existing = session.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = 'bench'").all().size();
            for (int t = existing; t < tables; t++) {
                session.execute(String.format("CREATE TABLE IF NOT EXISTS bench.t%03d (pk int, ck int, v text, PRIMARY KEY (pk, ck))", t));
                session.execute(String.format("INSERT INTO bench.t%03d (pk, ck, v) VALUES (1, 1, 'x')", t));
                session.execute(String.format("SELECT * FROM bench.t%03d WHERE pk = 1", t));
            }
            if (existing < tables) {
                System.err.printf("created tables %d..%d%n", existing, tables - 1);
            }
        }
    }

    Result measure(String exporter, int tables, int port, int repeats) throws Exception {
        URI uri = URI.create("http://" + ADDRESS + ":" + port + "/metrics");
        for (int i = 0; i < 2; i++) {
            scrape(uri); // warm-up: JIT, first-scrape caches
        }
        ProcessHandle cassandra = ProcessHandle.of(node.cassandraPid()).orElseThrow();
        Duration idleCpu0 = cpu(cassandra);
        long idle0 = System.nanoTime();
        Thread.sleep(3000);
        double idleCpuPerNano = (cpu(cassandra).minus(idleCpu0)).toNanos() / (double) (System.nanoTime() - idle0);

        List<Double> millis = new ArrayList<>();
        int series = 0;
        Duration cpu0 = cpu(cassandra);
        long start = System.nanoTime();
        while (millis.size() < repeats && (millis.size() < MIN_SCRAPES || System.nanoTime() - start < BUDGET.toNanos())) {
            long t0 = System.nanoTime();
            series = scrape(uri);
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        long elapsed = System.nanoTime() - start;
        double cpuMs = (cpu(cassandra).minus(cpu0).toNanos() - idleCpuPerNano * elapsed) / 1e6 / millis.size();
        List<Double> sorted = millis.stream().sorted().toList();
        Result r = new Result(exporter, tables, sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                Math.max(0, cpuMs), series, millis.size());
        System.err.println(r);
        return r;
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for pid " + process.pid()));
    }

    /** Scrapes and returns the number of series, counting lines as they stream (the JMX default answer is hundreds of MB). */
    private int scrape(URI uri) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode());
            }
            byte[] buffer = new byte[1 << 16];
            int series = 0;
            boolean lineStart = true;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (lineStart && b != '#' && b != '\n') {
                        series++;
                    }
                    lineStart = b == '\n';
                }
            }
            return series;
        }
    }

    static void print(List<Result> results) {
        System.out.println();
        System.out.println("| tables | exporter | scrapes | median scrape (ms) | p90 (ms) | Cassandra CPU per scrape (ms) | series | median vs Cassini |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            Result cassini = results.stream().filter(c -> c.exporter().equals("cassini") && c.tables() == r.tables()).findFirst().orElseThrow();
            System.out.printf("| %d | %s | %d | %.1f | %.1f | %.1f | %d | %s |%n", r.tables(), r.exporter(), r.scrapes(), r.medianMs(), r.p90Ms(),
                    r.cpuMsPerScrape(), r.series(), r == cassini ? "1x" : String.format("%.1fx slower", r.medianMs() / cassini.medianMs()));
        }
    }

}
