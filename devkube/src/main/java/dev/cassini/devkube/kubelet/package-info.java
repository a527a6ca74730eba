/**
 * The process kubelet: the part of devkube that plays every node of the cluster.
 *
 * <p>{@link dev.cassini.devkube.kubelet.ProcessKubelet} registers the {@link dev.cassini.devkube.kubelet.DevNode}s
 * (zone and hostname labels, capacity, Ready condition, Lease heartbeats) and gives each pod bound
 * to one of them a {@code PodWorker}, which runs that pod incarnation from binding to deletion:
 * a fresh loopback address, volumes as directories, containers as local processes started through
 * the {@link dev.cassini.devkube.image.ImageLauncherRegistry image launchers}, probes, restarts,
 * status, events, and graceful termination (SIGTERM, grace period, SIGKILL, then the final delete).
 * {@link dev.cassini.devkube.kubelet.LocalVolumeProvisioner} provisions the {@code devkube-local}
 * StorageClass.
 *
 * <p>Known limit: Services get no endpoints. The API server refuses loopback addresses in
 * Endpoints and EndpointSlices, and every pod address here is a loopback address (and there is no
 * service proxy anyway). Clients connect to pod IPs, which Cassandra clients do regardless.
 */
package dev.cassini.devkube.kubelet;
