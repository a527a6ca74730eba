package dev.cassini.devkube.controlplane;

import dev.cassini.devkube.process.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Polls a component's {@code /healthz}-style endpoint until it answers 200. It trusts any
 * certificate: the endpoints are on loopback and kube-controller-manager and kube-scheduler serve
 * with self-signed certificates they make at start. Fails fast, with the end of the component's
 * log, when the process dies instead of becoming healthy.
 */
final class HealthEndpoint {
    private static final SSLContext TRUST_ALL = trustAll();

    private HealthEndpoint() {}

    static void awaitHealthy(URI uri, ManagedProcess process, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.name() + " exited with code " + process.exitCode()
                        + " before becoming healthy; last lines of " + process.logFile() + ":\n" + tail(process));
            }
            try {
                int status = get(uri);
                if (status == 200) {
                    return;
                }
                last = "HTTP " + status;
            } catch (IOException e) {
                last = e.toString();
            }
            sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(process.name() + " not healthy at " + uri + " within " + timeout
                + " (last answer: " + last + "); last lines of " + process.logFile() + ":\n" + tail(process));
    }

    private static int get(URI uri) throws IOException {
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
        connection.setSSLSocketFactory(TRUST_ALL.getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(3000);
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    static String tail(ManagedProcess process) {
        try {
            List<String> lines = Files.readAllLines(process.logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e + ")";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
