package dev.cassini.devkube.kubelet;

import dev.cassini.pki.AnyServerCertificate;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * Runs one probe attempt the way the kubelet does: {@code httpGet} succeeds on 200-399 (over
 * HTTPS when its scheme says so, without verifying the server's certificate), {@code tcpSocket} on
 * an accepted connection. The host defaults to the pod IP. {@code exec} and
 * {@code grpc} probes are not supported: they count as success, and the kubelet logs a warning once.
 */
final class Prober {
    private static final SSLContext PROBE_TLS = AnyServerCertificate.context();

    private Prober() {}

    static boolean isSupported(Probe probe) {
        return probe.getHttpGet() != null || probe.getTcpSocket() != null;
    }

    static boolean probe(Probe probe, Container container, String podIp) {
        int timeoutMillis = 1000 * (probe.getTimeoutSeconds() == null ? 1 : Math.max(1, probe.getTimeoutSeconds()));
        if (probe.getHttpGet() != null) {
            return httpGet(probe.getHttpGet(), container, podIp, timeoutMillis);
        }
        if (probe.getTcpSocket() != null) {
            var tcp = probe.getTcpSocket();
            String host = tcp.getHost() == null || tcp.getHost().isEmpty() ? podIp : tcp.getHost();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port(tcp.getPort(), container)), timeoutMillis);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** One HTTP GET as probes and lifecycle hooks make it; true on 200-399. */
    static boolean httpGet(HTTPGetAction get, Container container, String podIp, int timeoutMillis) {
        String host = get.getHost() == null || get.getHost().isEmpty() ? podIp : get.getHost();
        String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
        String path = get.getPath() == null ? "/" : get.getPath().startsWith("/") ? get.getPath() : "/" + get.getPath();
        int port = port(get.getPort(), container);
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(scheme + "://" + host + ":" + port + path)
                    .toURL()
                    .openConnection();
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setInstanceFollowRedirects(false);
            if (connection instanceof HttpsURLConnection https) {
                // as the kubelet does: an HTTPS probe does not verify the server's certificate
                https.setSSLSocketFactory(PROBE_TLS.getSocketFactory());
                https.setHostnameVerifier((name, session) -> true);
            }
            if (get.getHttpHeaders() != null) {
                get.getHttpHeaders().forEach(h -> connection.setRequestProperty(h.getName(), h.getValue()));
            }
            try {
                int status = connection.getResponseCode();
                return status >= 200 && status < 400;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** A numeric port, or a named one looked up in the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        String name = port.getStrVal();
        List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
        return ports.stream()
                .filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseGet(() -> {
                    try {
                        return Integer.parseInt(name);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "container " + container.getName() + " has no port named " + name);
                    }
                });
    }
}
