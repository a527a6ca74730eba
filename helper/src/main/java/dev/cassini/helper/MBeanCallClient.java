package dev.cassini.helper;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** The node agent's side of the socket: sends one {@link MBeanRequest}, returns its value. */
public final class MBeanCallClient {
    private final Path socketPath;

    public MBeanCallClient(Path socketPath) {
        this.socketPath = socketPath;
    }

    public Path socketPath() {
        return socketPath;
    }

    /**
     * @throws IOException when the helper cannot be reached (Cassandra not running)
     * @throws MBeanCallException when the call reached Cassandra and failed there
     */
    public Object call(MBeanRequest request) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            ObjectOutputStream out = new ObjectOutputStream(Channels.newOutputStream(channel));
            out.writeObject(request);
            out.flush();
            ObjectInputStream in = new ObjectInputStream(Channels.newInputStream(channel));
            in.setObjectInputFilter(WireFilter.INSTANCE);
            MBeanResponse response = (MBeanResponse) in.readObject();
            if (response.failed()) {
                throw new MBeanCallException(request + " failed: " + response.error(), response.error());
            }
            return response.value();
        } catch (ClassNotFoundException e) {
            throw new IOException("helper answered with an unknown type: " + e.getMessage(), e);
        }
    }
}
