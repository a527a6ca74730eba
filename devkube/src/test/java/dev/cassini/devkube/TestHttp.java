package dev.cassini.devkube;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to the test server inside a pod, on the pod's own address. */
final class TestHttp {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestHttp() {}

    static HttpResponse<String> get(String ip, int port, String pathAndQuery) {
        try {
            return CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + pathAndQuery))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot reach " + ip + ":" + port + pathAndQuery, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
