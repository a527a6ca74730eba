package dev.cassini.api.v1alpha1;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asserts the API server refused a write as invalid (422), with the message a user would read. */
final class Rejections {
    private Rejections() {
    }

    static void assertRejected(ThrowingCallable write, String expectedMessage) {
        assertThatThrownBy(write).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).as("HTTP status of: %s", e.getMessage()).isEqualTo(422);
            assertThat(e.getStatus().getMessage()).contains(expectedMessage);
        });
    }
}
