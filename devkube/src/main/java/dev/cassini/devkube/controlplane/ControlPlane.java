package dev.cassini.devkube.controlplane;

import dev.cassini.devkube.DirectoryTree;
import dev.cassini.devkube.binaries.KubeBinaries;
import dev.cassini.devkube.process.ManagedProcess;
import dev.cassini.devkube.process.PidRegistry;
import dev.cassini.pki.CertificateAuthority;
import dev.cassini.pki.IssuedCertificate;
import dev.cassini.pki.Pem;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Kubernetes control plane on one loopback address: etcd, kube-apiserver,
 * kube-controller-manager and kube-scheduler, each a child process with its own certificate and
 * RBAC identity. Everything lives under one state directory and is created fresh at each start.
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    static final String SERVICE_CIDR = "10.0.0.0/24";
    static final String SERVICE_IP = "10.0.0.1";

    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Path stateDirectory;
    private final String address;
    private String server;
    private CertificateAuthority certificateAuthority;
    private Path adminKubeconfig;

    private ControlPlane(Path stateDirectory, String address) {
        this.stateDirectory = stateDirectory;
        this.address = address;
    }

    public static ControlPlane start(
            KubeBinaries binaries, Path stateDirectory, String address, PidRegistry pids, Duration timeout) {
        for (int attempt = 1; ; attempt++) {
            ControlPlane plane = new ControlPlane(stateDirectory, address);
            try {
                plane.startAll(binaries, pids, timeout);
                return plane;
            } catch (RuntimeException e) {
                plane.close();
                // Ports are picked free, then bound by the child a moment later; another program
                // may take one in between. That race is worth one more try with fresh ports.
                if (attempt >= 2 || e.getMessage() == null || !e.getMessage().contains("address already in use")) {
                    throw e;
                }
                LOG.warn("a control-plane port was taken while starting; retrying with fresh ports");
            }
        }
    }

    /** The API server URL, e.g. {@code https://127.64.0.1:40123}. */
    public String server() {
        return server;
    }

    /** An administrator kubeconfig (group system:masters). */
    public Path adminKubeconfig() {
        return adminKubeconfig;
    }

    /** The cluster CA, for other devkube parts that serve TLS (the kubelet log endpoint). */
    public CertificateAuthority certificateAuthority() {
        return certificateAuthority;
    }

    public List<ManagedProcess> processes() {
        return List.copyOf(processes);
    }

    private void startAll(KubeBinaries bin, PidRegistry pids, Duration timeout) {
        long t0 = System.nanoTime();
        Path pki = stateDirectory.resolve("pki");
        Path logs = stateDirectory.resolve("logs");
        DirectoryTree.delete(stateDirectory.resolve("etcd"));
        DirectoryTree.delete(logs);

        int etcdClientPort = FreePort.on(address);
        int etcdPeerPort = FreePort.on(address);
        int apiPort = FreePort.on(address);
        int kcmPort = FreePort.on(address);
        int schedulerPort = FreePort.on(address);
        server = "https://" + address + ":" + apiPort;

        CertificateAuthority ca = CertificateAuthority.create("devkube-ca");
        certificateAuthority = ca;
        Path caCert = Pem.write(pki.resolve("ca.crt"), ca.certificate());
        Path caKey = Pem.write(pki.resolve("ca.key"), ca.root().keyPair().getPrivate());
        IssuedCertificate serving = ca.issueServer(
                "kube-apiserver",
                List.of(
                        "localhost",
                        "kubernetes",
                        "kubernetes.default",
                        "kubernetes.default.svc",
                        "kubernetes.default.svc.cluster.local"),
                List.of(address, "127.0.0.1", SERVICE_IP));
        Path servingCert = Pem.write(pki.resolve("apiserver.crt"), serving.certificate());
        Path servingKey =
                Pem.write(pki.resolve("apiserver.key"), serving.keyPair().getPrivate());
        KeyPair serviceAccount = CertificateAuthority.newKeyPair();
        Path saKey = Pem.write(pki.resolve("sa.key"), serviceAccount.getPrivate());
        Path saPub = Pem.write(pki.resolve("sa.pub"), serviceAccount.getPublic());
        adminKubeconfig = Kubeconfig.write(
                stateDirectory.resolve("kubeconfig"),
                Kubeconfig.render(
                        "devkube", server, ca.certificate(), ca.issueClient("devkube-admin", "system:masters")));
        // The bootstrap RBAC policy grants these two user names exactly what the components need.
        Path kcmKubeconfig = Kubeconfig.write(
                pki.resolve("kube-controller-manager.kubeconfig"),
                Kubeconfig.render(
                        "devkube", server, ca.certificate(), ca.issueClient("system:kube-controller-manager", null)));
        Path schedulerKubeconfig = Kubeconfig.write(
                pki.resolve("kube-scheduler.kubeconfig"),
                Kubeconfig.render("devkube", server, ca.certificate(), ca.issueClient("system:kube-scheduler", null)));

        String etcdUrl = "http://" + address + ":" + etcdClientPort;
        String peerUrl = "http://" + address + ":" + etcdPeerPort;
        ManagedProcess etcd = launch(
                pids,
                logs,
                "etcd",
                List.of(
                        bin.etcd().toString(),
                        "--name=devkube",
                        "--data-dir=" + stateDirectory.resolve("etcd"),
                        "--listen-client-urls=" + etcdUrl,
                        "--advertise-client-urls=" + etcdUrl,
                        "--listen-peer-urls=" + peerUrl,
                        "--initial-advertise-peer-urls=" + peerUrl,
                        "--initial-cluster=devkube=" + peerUrl,
                        // a throw-away development store: durability is not worth the fsync latency
                        "--unsafe-no-fsync=true",
                        "--log-level=warn"));

        ManagedProcess apiServer = launch(
                pids,
                logs,
                "kube-apiserver",
                List.of(
                        bin.apiServer().toString(),
                        "--etcd-servers=" + etcdUrl,
                        "--bind-address=" + address,
                        "--advertise-address=" + address,
                        "--secure-port=" + apiPort,
                        "--cert-dir=" + pki.resolve("apiserver-generated"),
                        "--tls-cert-file=" + servingCert,
                        "--tls-private-key-file=" + servingKey,
                        "--client-ca-file=" + caCert,
                        "--service-cluster-ip-range=" + SERVICE_CIDR,
                        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                        "--service-account-key-file=" + saPub,
                        "--service-account-signing-key-file=" + saKey,
                        "--authorization-mode=Node,RBAC",
                        "--allow-privileged=true",
                        // The API server refuses loopback addresses in Endpoints; its own would only log errors.
                        "--endpoint-reconciler-type=none",
                        // nodes' host names do not resolve; the log endpoint is on their InternalIP
                        "--kubelet-preferred-address-types=InternalIP",
                        "--profiling=false"));
        HealthEndpoint.awaitHealthy(URI.create(server + "/readyz"), apiServer, timeout);
        LOG.info(
                "devkube API server ready at {} after {} ms (etcd pid {}, kube-apiserver pid {})",
                server,
                (System.nanoTime() - t0) / 1_000_000,
                etcd.pid(),
                apiServer.pid());

        ManagedProcess kcm = launch(
                pids,
                logs,
                "kube-controller-manager",
                List.of(
                        bin.controllerManager().toString(),
                        "--kubeconfig=" + kcmKubeconfig,
                        "--authentication-kubeconfig=" + kcmKubeconfig,
                        "--authorization-kubeconfig=" + kcmKubeconfig,
                        "--bind-address=" + address,
                        "--secure-port=" + kcmPort,
                        "--cert-dir=" + pki.resolve("kcm-generated"),
                        "--leader-elect=false",
                        "--service-account-private-key-file=" + saKey,
                        "--root-ca-file=" + caCert,
                        "--cluster-signing-cert-file=" + caCert,
                        "--cluster-signing-key-file=" + caKey,
                        "--use-service-account-credentials=true",
                        // Pod IPs are loopback addresses, which the API server refuses in Endpoints
                        // and EndpointSlices: these controllers would only flood every namespace with
                        // FailedToUpdateEndpointSlices warnings, hiding the events users look for.
                        "--controllers=*,-endpoints-controller,-endpointslice-controller,-endpointslice-mirroring-controller",
                        "--profiling=false"));
        ManagedProcess scheduler = launch(
                pids,
                logs,
                "kube-scheduler",
                List.of(
                        bin.scheduler().toString(),
                        "--kubeconfig=" + schedulerKubeconfig,
                        "--authentication-kubeconfig=" + schedulerKubeconfig,
                        "--authorization-kubeconfig=" + schedulerKubeconfig,
                        "--bind-address=" + address,
                        "--secure-port=" + schedulerPort,
                        "--cert-dir=" + pki.resolve("scheduler-generated"),
                        "--leader-elect=false",
                        "--profiling=false"));
        HealthEndpoint.awaitHealthy(URI.create("https://" + address + ":" + kcmPort + "/healthz"), kcm, timeout);
        HealthEndpoint.awaitHealthy(
                URI.create("https://" + address + ":" + schedulerPort + "/healthz"), scheduler, timeout);
        LOG.info(
                "devkube control plane healthy after {} ms (kube-controller-manager pid {}, kube-scheduler pid {})",
                (System.nanoTime() - t0) / 1_000_000,
                kcm.pid(),
                scheduler.pid());
    }

    private ManagedProcess launch(PidRegistry pids, Path logs, String name, List<String> command) {
        ManagedProcess process =
                ManagedProcess.start(name, command, Map.of(), true, stateDirectory, logs.resolve(name + ".log"), pids);
        processes.add(process);
        return process;
    }

    /** Stops the components in reverse start order, so nothing logs errors about a dead dependency. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ManagedProcess p = processes.get(i);
            p.stop(STOP_GRACE);
        }
        processes.clear();
    }
}
