package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the API server refused a write as invalid (422), with the message a user would read. */
final class Rejections {
    private Rejections() {}

    static void assertRejected(ThrowingCallable write, String expectedMessage) {
        assertThat(rejectionMessage(write)).contains(expectedMessage);
    }

    /** The API server's whole message for a write it refused as invalid. */
    static String rejectionMessage(ThrowingCallable write) {
        StringBuilder message = new StringBuilder();
        assertThatThrownBy(write).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).as("HTTP status of: %s", e.getMessage()).isEqualTo(422);
            message.append(e.getStatus().getMessage());
        });
        return message.toString();
    }
}
