package dev.cassini.helper;

import java.io.Serializable;

/** The helper's answer: a value, or the message of the exception the MBean call threw. */
public final class MBeanResponse implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Object value;
    private final String error;

    private MBeanResponse(Object value, String error) {
        this.value = value;
        this.error = error;
    }

    public static MBeanResponse value(Object value) {
        return new MBeanResponse(value, null);
    }

    public static MBeanResponse error(String error) {
        return new MBeanResponse(null, error);
    }

    public boolean failed() {
        return error != null;
    }

    public Object value() {
        return value;
    }

    public String error() {
        return error;
    }
}
