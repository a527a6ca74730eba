package dev.cassini.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The layout of a node's data volume. Everything Cassandra writes and everything the agent must
 * remember across pod incarnations lives here, so a pod that comes back on another address with
 * the same volume is the same node.
 */
public record NodeDirectories(Path root) {
    public Path data() {
        return root.resolve("data");
    }

    /**
     * Where restores stage downloaded files, beside the data on the same volume, so importing them
     * is a rename, not a copy.
     */
    public Path restoreStaging() {
        return root.resolve("restore");
    }

    public Path commitlog() {
        return root.resolve("commitlog");
    }

    public Path hints() {
        return root.resolve("hints");
    }

    public Path savedCaches() {
        return root.resolve("saved_caches");
    }

    public Path cdcRaw() {
        return root.resolve("cdc_raw");
    }

    public Path logs() {
        return root.resolve("logs");
    }
    /** Rendered configuration; rewritten on every start. */
    public Path conf() {
        return root.resolve("conf");
    }
    /** The agent's own state: persisted seeds, exit records. */
    public Path agentState() {
        return root.resolve("cassini");
    }

    /** Cassandra's TLS keystore (the node's key, then its certificate chain), written from the mounted files. */
    public Path tlsKeystore() {
        return agentState().resolve("tls").resolve("node.pem");
    }

    /** Cassandra's TLS truststore: the CA of every node's certificate. */
    public Path tlsTruststore() {
        return agentState().resolve("tls").resolve("ca.pem");
    }

    public Path cassandraYaml() {
        return conf().resolve("cassandra.yaml");
    }

    public Path rackDcProperties() {
        return conf().resolve("cassandra-rackdc.properties");
    }

    public Path logbackXml() {
        return conf().resolve("logback.xml");
    }

    public Path jvmOptionsFile() {
        return conf().resolve("jvm.options");
    }

    public Path systemLog() {
        return logs().resolve("system.log");
    }

    public Path outputLog() {
        return logs().resolve("output.log");
    }

    /** True once Cassandra has written its system tables: the node has an identity to keep. */
    public boolean hasCassandraData() {
        return Files.isDirectory(data().resolve("system"));
    }

    /** Written the first time the agent sees Cassandra NORMAL: the node has joined the ring with its tokens. */
    public Path joinedMarker() {
        return agentState().resolve("joined");
    }

    /**
     * True once the node has been NORMAL: it owns tokens and data in the ring. System tables alone
     * do not say that; a first start that failed (a refused replacement, say) leaves them too.
     */
    public boolean hasJoined() {
        return Files.exists(joinedMarker());
    }

    public void create() throws IOException {
        for (Path dir : List.of(data(), commitlog(), hints(), savedCaches(), cdcRaw(), logs(), conf(), agentState())) {
            Files.createDirectories(dir);
        }
    }
}
