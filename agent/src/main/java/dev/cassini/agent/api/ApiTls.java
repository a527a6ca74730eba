package dev.cassini.agent.api;

import dev.cassini.contract.AgentEnvironment;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.pki.ReloadingTls;
import dev.cassini.pki.TlsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The agent API over mutual TLS: the agent presents its certificate, asks every client for one
 * and checks it against the cluster's CA in the handshake (a certificate another CA signed ends
 * the connection there). A client without a certificate still gets through the handshake,
 * because the kubelet's probes have none; {@link #refusal} then lets it reach the health routes
 * only. Renewed files are taken on the next handshake ({@link ReloadingTls}).
 */
public final class ApiTls {
    /** The servlet attribute Jetty puts a verified client's certificate chain in. */
    private static final String CLIENT_CHAIN = "jakarta.servlet.request.X509Certificate";

    private final ReloadingTls tls;

    private ApiTls(ReloadingTls tls) {
        this.tls = tls;
    }

    public static ApiTls of(TlsFiles files) throws IOException {
        return new ApiTls(ReloadingTls.of(files));
    }

    /**
     * The files the environment names ({@link AgentEnvironment#API_TLS_CERTIFICATE} and the two
     * after it): none means plain HTTP; some but not all is a mistake, refused with what is missing.
     */
    public static Optional<TlsFiles> files(Map<String, String> env) {
        List<String> names = List.of(
                AgentEnvironment.API_TLS_CERTIFICATE, AgentEnvironment.API_TLS_KEY, AgentEnvironment.API_TLS_CA);
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (missing.size() == names.size()) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the API's TLS needs " + String.join(", ", names)
                    + " together; " + String.join(" and ", missing) + " "
                    + (missing.size() == 1 ? "is" : "are") + " not set");
        }
        return Optional.of(new TlsFiles(
                Path.of(env.get(names.get(0))), Path.of(env.get(names.get(1))), Path.of(env.get(names.get(2)))));
    }

    /** The HTTPS listener on {@code host:port}, in place of Javalin's plain one. */
    Connector connector(Server server, HttpConfiguration base, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.context());
        ssl.setWantClientAuth(true);
        HttpConfiguration https = new HttpConfiguration(base);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients reach an agent by its pod IP, which no certificate can name in advance.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, ssl, new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** The client certificate's subject, if the client presented one the CA signed. */
    static Optional<String> client(Object chainAttribute) {
        if (chainAttribute instanceof X509Certificate[] chain && chain.length > 0) {
            return Optional.of(chain[0].getSubjectX500Principal().getName());
        }
        return Optional.empty();
    }

    /** Why a request is refused, if it is: only the health routes answer a client without a certificate. */
    static Optional<String> refusal(String path, Object chainAttribute) {
        if (path.startsWith("/healthz/") || client(chainAttribute).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(path + " needs a client certificate signed by the cluster's agent CA;"
                + " without one only " + AgentRoutes.LIVE + " and " + AgentRoutes.READY
                + " answer (the operator has one; for another client, see \"Agent API security\" in the README)");
    }

    static String clientChainAttribute() {
        return CLIENT_CHAIN;
    }

    /** The certificate the API presents now. */
    public X509Certificate certificate() {
        return tls.certificate();
    }
}
