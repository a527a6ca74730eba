package dev.cassini.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.config.EncryptionOptions;
import org.apache.cassandra.cql3.statements.schema.CreateTableStatement;
import org.apache.cassandra.dht.Murmur3Partitioner;
import org.apache.cassandra.dht.Range;
import org.apache.cassandra.dht.Token;
import org.apache.cassandra.io.sstable.SSTableLoader;
import org.apache.cassandra.io.util.File;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.apache.cassandra.schema.TableId;
import org.apache.cassandra.schema.TableMetadata;
import org.apache.cassandra.schema.TableMetadataRef;
import org.apache.cassandra.streaming.ProgressInfo;
import org.apache.cassandra.streaming.StreamEvent;
import org.apache.cassandra.streaming.StreamEventHandler;
import org.apache.cassandra.streaming.StreamState;
import org.apache.cassandra.streaming.StreamingChannel;
import org.apache.cassandra.tools.BulkLoadConnectionFactory;
import org.apache.cassandra.utils.OutputHandler;

/**
 * Streams the SSTables of one table directory to the nodes a plan names, each node receiving only
 * the token ranges the plan gives it. Run as {@code java -cp <cassandra lib>/*:<this> RangeLoader
 * plan.json}; the plan is JSON:
 *
 * <pre>
 * {"directory": ".../keyspace/table-id", "keyspace": "ks", "table": "t",
 *  "tableId": "uuid of the table in the target", "cql": "CREATE TABLE ks.t (...)",
 *  "types": ["CREATE TYPE ks.address (...)", ...],
 *  "storagePort": 7000, "connectionsPerHost": 1,
 *  "targets": [{"address": "10.0.0.1", "ranges": [["-9223372036854775808", "0"], ...]}]}
 * </pre>
 *
 * Ranges are {@code (start, end]} as Cassandra reads them. It prints one line per progress step,
 * {@code progress <bytes sent> <bytes to send>}, then {@code done <bytes sent>}, and exits 0; on a
 * failure it prints {@code failed <reason>} and exits 1.
 */
public final class RangeLoader {
    private RangeLoader() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            JsonNode plan = new ObjectMapper().readTree(new java.io.File(args[0]));
            long sent = load(plan, out);
            out.println("done " + sent);
            out.flush();
            System.exit(0);
        } catch (Throwable e) {
            Throwable cause = e;
            while (cause.getCause() != null && cause.getMessage() == null) {
                cause = cause.getCause();
            }
            out.println("failed " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            e.printStackTrace(System.err);
            out.flush();
            System.exit(1);
        }
    }

    static long load(JsonNode plan, PrintStream out) throws Exception {
        DatabaseDescriptor.clientInitialization();
        DatabaseDescriptor.setPartitionerUnsafe(Murmur3Partitioner.instance);
        String keyspace = plan.path("keyspace").asText();
        String table = plan.path("table").asText();
        TableMetadata metadata = CreateTableStatement.parse(plan.path("cql").asText(), keyspace)
                .id(TableId.fromUUID(
                        java.util.UUID.fromString(plan.path("tableId").asText())))
                .build();
        int storagePort = plan.path("storagePort").asInt(7000);
        Map<InetAddressAndPort, List<Range<Token>>> targets = new java.util.LinkedHashMap<>();
        for (JsonNode target : plan.path("targets")) {
            InetAddressAndPort address = endpoint(target.path("address").asText(), storagePort);
            List<Range<Token>> ranges = new ArrayList<>();
            for (JsonNode range : target.path("ranges")) {
                ranges.add(new Range<>(
                        token(range.get(0).asText()), token(range.get(1).asText())));
            }
            targets.put(address, ranges);
        }
        SSTableLoader.Client client = new SSTableLoader.Client() {
            @Override
            public void init(String ignored) {
                targets.forEach((endpoint, ranges) -> ranges.forEach(range -> addRangeForEndpoint(range, endpoint)));
            }

            @Override
            public TableMetadataRef getTableMetadata(String name) {
                return TableMetadataRef.forOfflineTools(metadata);
            }

            /** The bulk loader's connections: a client has no system keyspace to look up preferred addresses in. */
            @Override
            public StreamingChannel.Factory getConnectionFactory() {
                return new BulkLoadConnectionFactory(new EncryptionOptions.ServerEncryptionOptions(), storagePort);
            }
        };
        SSTableLoader loader = new SSTableLoader(
                new File(plan.path("directory").asText()),
                client,
                new Quiet(),
                plan.path("connectionsPerHost").asInt(1),
                keyspace,
                table);
        Progress progress = new Progress(out);
        StreamState state = loader.stream(java.util.Set.of(), progress).get();
        if (state.hasFailedSession() || !loader.getFailedHosts().isEmpty()) {
            throw new IllegalStateException("streaming to " + loader.getFailedHosts() + " failed");
        }
        return progress.sent();
    }

    private static InetAddressAndPort endpoint(String address, int port) throws UnknownHostException {
        return InetAddressAndPort.getByNameOverrideDefaults(address, port);
    }

    private static Token token(String decimal) {
        return new Murmur3Partitioner.LongToken(Long.parseLong(decimal));
    }

    /** Bytes sent so far, summed over files and peers, printed at most every half second. */
    private static final class Progress implements StreamEventHandler {
        private final PrintStream out;
        private final Map<String, Long> sentByFile = new ConcurrentHashMap<>();
        private final Map<String, Long> sizeByFile = new ConcurrentHashMap<>();
        private final AtomicLong lastPrint = new AtomicLong();

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void handleStreamEvent(StreamEvent event) {
            if (event instanceof StreamEvent.ProgressEvent progressEvent) {
                ProgressInfo info = progressEvent.progress;
                String key = info.peer + "/" + info.fileName;
                sentByFile.put(key, info.currentBytes);
                sizeByFile.put(key, info.totalBytes);
                long now = System.nanoTime();
                long last = lastPrint.get();
                if (now - last > 500_000_000L && lastPrint.compareAndSet(last, now)) {
                    synchronized (out) {
                        out.println("progress " + sent() + " " + total());
                        out.flush();
                    }
                }
            }
        }

        long sent() {
            return sentByFile.values().stream().mapToLong(Long::longValue).sum();
        }

        long total() {
            return sizeByFile.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public void onSuccess(StreamState state) {}

        @Override
        public void onFailure(Throwable t) {}
    }

    /** The loader's own chatter goes to standard error, so standard output carries only progress lines. */
    private static final class Quiet implements OutputHandler {
        @Override
        public void output(String msg) {
            System.err.println(msg);
        }

        @Override
        public void debug(String msg) {}

        @Override
        public void warn(String msg) {
            System.err.println("warning: " + msg);
        }

        @Override
        public void warn(Throwable th, String msg) {
            System.err.println("warning: " + msg + ": " + th);
        }
    }
}
