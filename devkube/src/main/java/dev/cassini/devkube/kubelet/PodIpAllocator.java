package dev.cassini.devkube.kubelet;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out pod addresses {@code 127.N.1.1 .. 127.N.255.254} of a devkube's subnet. Addresses go
 * round in order instead of reusing the lowest free one, so every pod incarnation gets a new IP
 * as on a real cluster (Cassandra must cope with a node coming back under another address).
 */
public final class PodIpAllocator {
    private static final int FIRST_BLOCK = 1;
    private static final int LAST_BLOCK = 255;
    private static final int FIRST_HOST = 1;
    private static final int LAST_HOST = 254;
    private static final int SIZE = (LAST_BLOCK - FIRST_BLOCK + 1) * (LAST_HOST - FIRST_HOST + 1);

    private final int octet;
    private final Set<Integer> inUse = new HashSet<>();
    private int next;

    public PodIpAllocator(int octet) {
        if (octet < 1 || octet > 254) {
            throw new IllegalArgumentException("second octet must be 1..254, got " + octet);
        }
        this.octet = octet;
    }

    public synchronized String allocate() {
        for (int i = 0; i < SIZE; i++) {
            int candidate = (next + i) % SIZE;
            if (inUse.add(candidate)) {
                next = (candidate + 1) % SIZE;
                return address(candidate);
            }
        }
        throw new IllegalStateException("all " + SIZE + " pod addresses of 127." + octet + ".0.0/16 are in use");
    }

    public synchronized void release(String ip) {
        String[] parts = ip.split("\\.");
        int block = Integer.parseInt(parts[2]);
        int host = Integer.parseInt(parts[3]);
        inUse.remove((block - FIRST_BLOCK) * (LAST_HOST - FIRST_HOST + 1) + (host - FIRST_HOST));
    }

    private String address(int index) {
        int block = FIRST_BLOCK + index / (LAST_HOST - FIRST_HOST + 1);
        int host = FIRST_HOST + index % (LAST_HOST - FIRST_HOST + 1);
        return "127." + octet + "." + block + "." + host;
    }
}
