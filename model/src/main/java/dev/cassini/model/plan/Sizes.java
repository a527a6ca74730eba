package dev.cassini.model.plan;

import io.fabric8.kubernetes.api.model.Quantity;

/** Compares Kubernetes quantities by value: 1Gi and 1024Mi are the same size. */
final class Sizes {
    private Sizes() {}

    static boolean less(Quantity a, Quantity b) {
        return a.getNumericalAmount().compareTo(b.getNumericalAmount()) < 0;
    }
}
