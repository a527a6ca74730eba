package dev.cassini.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import dev.cassini.pki.ReloadingTls;
import dev.cassini.pki.TlsFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real 2-node ring with client and internode encryption required: each node's certificate from
 * one CA (mounted as PEM files, as the operator mounts them), CQL only over TLS, and the nodes
 * speaking to each other only over TLS with certificates of that CA. Writes and reads at ALL prove
 * the internode path; the node's own view (system_views) shows what it runs with.
 */
class CassandraTlsIT {
    private static final List<String> ADDRESSES = List.of("127.0.5.21", "127.0.5.22");
    private static final List<String> TOKENS = List.of("-4611686018427387904", "4611686018427387904");

    @Test
    void aRingWithTlsRequiredServesCqlOnlyOverTlsAndItsNodesSpeakOnlyToTheClustersCertificates(@TempDir Path tmp)
            throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("tls-it-ca");
        List<TlsFiles> identities = new ArrayList<>();
        List<AgentProcess> agents = new ArrayList<>();
        try {
            for (int i = 0; i < ADDRESSES.size(); i++) {
                String address = ADDRESSES.get(i);
                TlsFiles files = TlsFiles.write(
                        tmp.resolve("tls-" + i),
                        ca.issuePeer("node-" + i, List.of(), List.of(address), Duration.ofDays(1)),
                        ca);
                identities.add(files);
                Map<String, String> settings = AgentProcess.nodeSettings(
                        "tls-it", "r" + (i + 1), address, tmp.resolve("node-" + i), ADDRESSES);
                settings.put(AgentEnvironment.CLIENT_ENCRYPTION, "required");
                settings.put(AgentEnvironment.INTERNODE_ENCRYPTION, "required");
                settings.put(
                        AgentEnvironment.CASSANDRA_TLS_CERTIFICATE,
                        files.certificate().toString());
                settings.put(
                        AgentEnvironment.CASSANDRA_TLS_KEY, files.privateKey().toString());
                settings.put(
                        AgentEnvironment.CASSANDRA_TLS_CA, files.authority().toString());
                // a new ring started at once: its tokens given, nothing to stream
                settings.put(AgentEnvironment.INITIAL_TOKENS, TOKENS.get(i));
                settings.put(AgentEnvironment.NUM_TOKENS, "1");
                settings.put(AgentEnvironment.AUTO_BOOTSTRAP, "false");
                settings.put(AgentEnvironment.START, "true");
                agents.add(AgentProcess.launch("tls-node-" + i, settings));
            }
            // ready means the agent's own CQL ping got through TLS, checking the node against the CA
            for (AgentProcess agent : agents) {
                agent.client().awaitReady(Duration.ofMinutes(3));
            }

            try (CqlSession session = connect(trusting(ca))) {
                session.execute(
                        "CREATE KEYSPACE tls WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 2}");
                session.execute("CREATE TABLE tls.kv (k int PRIMARY KEY, v text)");
                for (int k = 0; k < 100; k++) {
                    session.execute(SimpleStatement.newInstance("INSERT INTO tls.kv (k, v) VALUES (?, ?)", k, "v" + k)
                            .setConsistencyLevel(ConsistencyLevel.ALL));
                }
                assertThat(session.execute(SimpleStatement.newInstance("SELECT count(*) FROM tls.kv")
                                        .setConsistencyLevel(ConsistencyLevel.ALL))
                                .one()
                                .getLong(0))
                        .as("rows written and read at ALL: both replicas, over the encrypted internode path")
                        .isEqualTo(100L);
                for (Row client : session.execute("SELECT ssl_enabled FROM system_views.clients")) {
                    assertThat(client.getBoolean("ssl_enabled"))
                            .as("a CQL connection's TLS")
                            .isTrue();
                }
                Map<String, String> settings = new HashMap<>();
                for (Row row : session.execute("SELECT name, value FROM system_views.settings")) {
                    if (row.getString("name").contains("encryption_options.")) {
                        settings.put(row.getString("name"), row.getString("value"));
                    }
                }
                assertThat(settings)
                        .as("the node's own view of its settings")
                        .containsEntry("client_encryption_options.enabled", "true")
                        .containsEntry("client_encryption_options.optional", "false")
                        .containsEntry("server_encryption_options.internode_encryption", "all")
                        .containsEntry("server_encryption_options.optional", "false")
                        .containsEntry("server_encryption_options.require_client_auth", "true");
            }

            assertThatThrownBy(() -> connect(null).close())
                    .as("a plaintext CQL client")
                    .isInstanceOf(AllNodesFailedException.class);

            CertificateAuthority other = CertificateAuthority.create("not-the-cluster");
            IssuedCertificate stranger =
                    other.issuePeer("stranger", List.of(), List.of("127.0.5.29"), Duration.ofDays(1));
            assertThat(internodeSessionStaysOpen(
                            ReloadingTls.of(stranger, ca.certificate()).context()))
                    .as("the storage port to a certificate another CA signed")
                    .isFalse();
            assertThat(internodeSessionStaysOpen(
                            ReloadingTls.of(identities.get(1)).context()))
                    .as("the storage port to a node's certificate")
                    .isTrue();

            // A renewed certificate, written over the mounted files as Kubernetes updates a Secret's volume:
            // the running node serves it within the agent's check period, with no restart.
            long pid = agents.get(0).client().node().path("pid").asLong();
            IssuedCertificate renewed =
                    ca.issuePeer("node-0", List.of(), List.of(ADDRESSES.get(0)), Duration.ofDays(2));
            TlsFiles.write(tmp.resolve("tls-0"), renewed, ca);
            long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            java.math.BigInteger served = servedSerial(trusting(ca));
            while (!served.equals(renewed.certificate().getSerialNumber()) && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                served = servedSerial(trusting(ca));
            }
            assertThat(served)
                    .as("the serial of the certificate CQL serves")
                    .isEqualTo(renewed.certificate().getSerialNumber());
            assertThat(agents.get(0).client().node().path("pid").asLong())
                    .as("the same Cassandra process")
                    .isEqualTo(pid);
        } finally {
            for (AgentProcess agent : agents) {
                agent.close();
            }
        }
    }

    /**
     * Connects to the first node's storage port with {@code tls}. Under TLS 1.3 a server refuses a
     * client's certificate after the client's side of the handshake is done, so the answer is in
     * what follows: the server closes a refused connection at once, and keeps an accepted one open,
     * waiting for the messaging protocol's first bytes.
     */
    private static boolean internodeSessionStaysOpen(SSLContext tls) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(ADDRESSES.get(0), 7000), 5_000);
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, ADDRESSES.get(0), 7000, true);
            socket.setSoTimeout(3_000);
            try {
                socket.startHandshake();
                return socket.getInputStream().read() != -1;
            } catch (SocketTimeoutException open) {
                return true;
            } catch (IOException refused) {
                return false;
            }
        }
    }

    /** The serial number of the certificate the first node's CQL port presents, in a real handshake. */
    private static java.math.BigInteger servedSerial(SSLContext tls) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(ADDRESSES.get(0), 9042)) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return ((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSerialNumber();
        }
    }

    private static SSLContext trusting(CertificateAuthority ca) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static CqlSession connect(SSLContext tls) {
        var builder = CqlSession.builder()
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(20))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(20))
                        .build())
                .withLocalDatacenter("dc1");
        ADDRESSES.forEach(a -> builder.addContactPoint(new InetSocketAddress(a, 9042)));
        if (tls != null) {
            builder.withSslContext(tls);
        }
        return builder.build();
    }
}
