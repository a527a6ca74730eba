package dev.cassini.helper;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Serves {@link MBeanRequest}s on a Unix domain socket, one request per connection, each on its
 * own thread (a decommission blocks for minutes; probes must still be answered meanwhile).
 */
public final class MBeanCallServer implements AutoCloseable {
    private final Path socketPath;
    private final MBeanServer mbeans;
    private final ServerSocketChannel server;

    public MBeanCallServer(Path socketPath, MBeanServer mbeans) throws IOException {
        this.socketPath = socketPath;
        this.mbeans = mbeans;
        Files.createDirectories(socketPath.getParent());
        Files.deleteIfExists(socketPath); // left by a previous incarnation that was killed
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
    }

    public static MBeanCallServer platform(Path socketPath) throws IOException {
        return new MBeanCallServer(socketPath, ManagementFactory.getPlatformMBeanServer());
    }

    public void start() {
        Thread acceptor = new Thread(this::acceptLoop, "cassini-helper-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread worker = new Thread(() -> serve(client), "cassini-helper-call");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    System.err.println("cassini-helper: accept failed: " + e);
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client;
                ObjectInputStream in = new ObjectInputStream(Channels.newInputStream(client))) {
            in.setObjectInputFilter(WireFilter.INSTANCE);
            MBeanRequest request = (MBeanRequest) in.readObject();
            MBeanResponse response = call(request);
            ObjectOutputStream out = new ObjectOutputStream(Channels.newOutputStream(client));
            try {
                out.writeObject(response);
            } catch (java.io.NotSerializableException e) {
                out.writeObject(
                        MBeanResponse.error("result of " + request + " is not serializable: " + e.getMessage()));
            }
            out.flush();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            System.err.println("cassini-helper: bad request: " + e);
        }
    }

    MBeanResponse call(MBeanRequest request) {
        try {
            ObjectName name = new ObjectName(request.objectName());
            Object value = request.kind() == MBeanRequest.Kind.GET_ATTRIBUTE
                    ? mbeans.getAttribute(name, request.member())
                    : mbeans.invoke(name, request.member(), request.arguments(), request.signature());
            return MBeanResponse.value(WireValues.plain(value));
        } catch (Exception e) {
            return MBeanResponse.error(rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socketPath);
    }
}
