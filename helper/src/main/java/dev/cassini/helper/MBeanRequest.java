package dev.cassini.helper;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One call the node agent asks the helper to make on the Cassandra JVM's platform MBean server:
 * read an attribute, or invoke an operation with an explicit JMX signature (primitives such as
 * {@code boolean} cannot be inferred from boxed arguments).
 */
public final class MBeanRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        GET_ATTRIBUTE,
        INVOKE
    }

    private final Kind kind;
    private final String objectName;
    private final String member;
    private final Object[] arguments;
    private final String[] signature;

    private MBeanRequest(Kind kind, String objectName, String member, Object[] arguments, String[] signature) {
        this.kind = kind;
        this.objectName = objectName;
        this.member = member;
        this.arguments = arguments;
        this.signature = signature;
    }

    public static MBeanRequest attribute(String objectName, String attribute) {
        return new MBeanRequest(Kind.GET_ATTRIBUTE, objectName, attribute, new Object[0], new String[0]);
    }

    /** @param signature JMX type names of the parameters, one per argument */
    public static MBeanRequest invoke(String objectName, String operation, Object[] arguments, String[] signature) {
        if (arguments.length != signature.length) {
            throw new IllegalArgumentException("operation " + operation + ": " + arguments.length + " arguments but "
                    + signature.length + " signature types");
        }
        return new MBeanRequest(Kind.INVOKE, objectName, operation, arguments.clone(), signature.clone());
    }

    public Kind kind() {
        return kind;
    }

    public String objectName() {
        return objectName;
    }

    public String member() {
        return member;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public String[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return objectName + (kind == Kind.INVOKE ? "." + member + Arrays.toString(arguments) : "#" + member);
    }
}
