package dev.cassini.agent.node;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Asks the native transport for its OPTIONS, the cheapest request of the CQL protocol, and checks
 * it answers SUPPORTED. Proves the node accepts CQL, not merely that a port is open.
 */
public final class CqlPing {
    private static final byte PROTOCOL_V4_REQUEST = 0x04;
    private static final byte PROTOCOL_V4_RESPONSE = (byte) 0x84;
    private static final byte OPCODE_OPTIONS = 0x05;
    private static final byte OPCODE_SUPPORTED = 0x06;

    private CqlPing() {}

    public static boolean answers(String address, int port, int timeoutMillis) {
        return answers(address, port, timeoutMillis, null);
    }

    /**
     * As above, over TLS with {@code tls} when it is not null: the handshake must succeed (the
     * node's certificate checked against the context's CA) before the OPTIONS request.
     */
    public static boolean answers(String address, int port, int timeoutMillis, javax.net.ssl.SSLContext tls) {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            Socket socket = tls == null ? plain : tls.getSocketFactory().createSocket(plain, address, port, true);
            OutputStream out = socket.getOutputStream();
            // header: version, flags, stream id (2 bytes), opcode, body length (4 bytes)
            out.write(new byte[] {PROTOCOL_V4_REQUEST, 0, 0, 1, OPCODE_OPTIONS, 0, 0, 0, 0});
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[9];
            in.readFully(header);
            return header[0] == PROTOCOL_V4_RESPONSE && header[4] == OPCODE_SUPPORTED;
        } catch (IOException e) {
            return false;
        }
    }
}
