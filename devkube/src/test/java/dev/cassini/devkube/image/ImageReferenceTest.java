package dev.cassini.devkube.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    @Test
    void splitsRepositoryAndTag() {
        assertThat(ImageReference.parse("cassini/node:5.0.4")).isEqualTo(new ImageReference("cassini/node", "5.0.4"));
    }

    @Test
    void anImageWithoutTagIsLatest() {
        assertThat(ImageReference.parse("cassini/testserver"))
                .isEqualTo(new ImageReference("cassini/testserver", "latest"));
    }

    @Test
    void aRegistryPortIsNotATag() {
        assertThat(ImageReference.parse("localhost:5000/cassini/node"))
                .isEqualTo(new ImageReference("localhost:5000/cassini/node", "latest"));
        assertThat(ImageReference.parse("localhost:5000/cassini/node:1"))
                .isEqualTo(new ImageReference("localhost:5000/cassini/node", "1"));
    }

    @Test
    void aDigestIsIgnored() {
        assertThat(ImageReference.parse("cassini/node:5@sha256:abc").repository())
                .isEqualTo("cassini/node");
    }

    @Test
    void anEmptyNameIsRejected() {
        assertThatThrownBy(() -> ImageReference.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
