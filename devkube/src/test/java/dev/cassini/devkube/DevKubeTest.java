package dev.cassini.devkube;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Base of the integration tests: hands each test class the shared devkube.
 * (An extension rather than a static initialiser, so the devkube closes with the test run.)
 */
public final class DevKubeTest implements BeforeAllCallback {
    static DevKube kube;

    @Override
    public void beforeAll(ExtensionContext context) {
        kube = SharedDevKube.get(context);
    }
}
