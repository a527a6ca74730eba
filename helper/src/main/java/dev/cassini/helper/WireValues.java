package dev.cassini.helper;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MBean values made of JDK collections only. Cassandra answers some attributes with Guava's
 * immutable collections (the client connections, for one), whose serialized form the other side's
 * {@link WireFilter} rightly refuses; copied into their JDK counterparts they cross the socket.
 */
public final class WireValues {
    private WireValues() {}

    public static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(plain(k), plain(v)));
            return copy;
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> copy = new ArrayList<>();
            collection.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return value;
    }
}
