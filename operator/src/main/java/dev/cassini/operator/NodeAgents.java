package dev.cassini.operator;

import dev.cassini.contract.JobView;
import dev.cassini.contract.NodeReport;
import dev.cassini.contract.RingEndpoint;
import dev.cassini.contract.SeedList;
import dev.cassini.contract.StartRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The operator's calls to node agents, by pod IP, in the contract's types. {@link NodeAgentClient}
 * makes them over HTTP; tests use a hand-written fake.
 */
interface NodeAgents {
    /** The node's report and its persisted seeds, or empty when the agent does not answer. */
    Optional<Reply> view(String ip);

    /** What one agent said about its node. */
    record Reply(NodeReport node, SeedList seeds) {}

    /**
     * The agent at {@code ip} is outside Kubernetes, a node of cluster {@code namespace/cluster}'s
     * external datacenters: called over HTTPS with that cluster's agent CA when {@code https}
     * (externalDatacenters[].agentApi), else over plain HTTP. Says nothing to the agent.
     */
    void external(String ip, String namespace, String cluster, boolean https);

    /** The ring as this node sees it. */
    List<RingEndpoint> ring(String ip) throws IOException;

    /** A job's state; empty when the agent does not know the job (it restarted since). */
    Optional<JobView> job(String ip, String id) throws IOException;

    /**
     * Returns as soon as one of these jobs (job id by agent address) has ended, or after {@code
     * atMost}; an agent that does not answer or know its job counts as ended, so the caller looks.
     */
    void awaitAnyEnd(java.util.Map<String, String> jobsByIp, java.time.Duration atMost);

    /**
     * Starts a cleanup job of every non-system keyspace and returns its id; a cleanup already
     * running there (started by an operator that died before recording it) is adopted instead.
     */
    String cleanup(String ip) throws IOException;

    /**
     * Starts rebuilding every keyspace of the node from {@code sourceDatacenter} and returns the
     * job's id; a rebuild already running there is adopted instead.
     */
    String rebuild(String ip, String sourceDatacenter) throws IOException;

    /**
     * Starts this node's part of a backup and returns the job's id; the node's job for the same
     * backup, if one already runs (started by an operator that died before recording it), is adopted.
     */
    String backup(String ip, dev.cassini.contract.BackupRequest request) throws IOException;

    /**
     * Starts one step of this node's part of a restore and returns the job's id; the node's job for
     * the same restore and step, if one already runs, is adopted.
     */
    String restore(String ip, dev.cassini.contract.RestoreRequest request) throws IOException;

    /**
     * Starts one repair session with this node coordinating and returns the job id; the node's
     * running repair job for the same repairId and segment, if any, is adopted.
     */
    String repair(String ip, dev.cassini.contract.RepairRequest request) throws IOException;

    /**
     * Starts a maintenance job ({@code compact}, {@code upgradesstables}, {@code scrub}, {@code
     * garbagecollect}, {@code clearsnapshot}, {@code flush} or {@code cleanup}, as {@link
     * dev.cassini.contract.AgentRoutes} names them) with its request record from the contract, and
     * returns the job's id; a job of the same operation already running there (started by an
     * operator that died before recording it) is adopted.
     */
    String maintenance(String ip, String operation, Object request) throws IOException;

    /** Drains, stops and starts Cassandra again with the options of its last start; returns once it runs. */
    void restart(String ip) throws IOException;

    void putSeeds(String ip, List<String> seeds) throws IOException;

    void start(String ip, StartRequest request) throws IOException;

    /**
     * Starts the decommission job; its progress shows in the node's state (LEAVING, then
     * DECOMMISSIONED). Forced only for a datacenter that leaves as a whole and that {@code
     * system_auth} alone still names.
     */
    void decommission(String ip, boolean force) throws IOException;

    /**
     * Starts a removenode job on the node at {@code ip} for the dead node {@code hostId}; the dead
     * node shows as leaving in the ring until its ranges have been streamed, then it is gone.
     */
    void removeNode(String ip, String hostId) throws IOException;

    /** Drains and stops Cassandra; returns when it has stopped. */
    void stop(String ip) throws IOException;
}
