package dev.cassini.helper;

import java.io.ObjectInputFilter;

/**
 * What may cross the socket in either direction: the two envelope classes and JDK types
 * (strings, boxed primitives, collections, JMX open types). Anything else is rejected before it
 * is instantiated, so the socket cannot be used to deserialize arbitrary classes.
 */
public final class WireFilter {
    private WireFilter() {}

    public static final ObjectInputFilter INSTANCE = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=1000000;dev.cassini.helper.MBeanRequest;dev.cassini.helper.MBeanRequest$Kind;"
                    + "dev.cassini.helper.MBeanResponse;java.**;javax.management.**;!*");
}
