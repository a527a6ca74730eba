package dev.cassini.operator;

import dev.cassini.contract.JobView;
import dev.cassini.contract.RepairRequest;
import dev.cassini.contract.RingEndpoint;
import dev.cassini.contract.StartRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-written stand-in for the node agents: records every call as "operation address" (plus
 * what was sent), answers from what a test put in, and fails the calls to the addresses a test
 * named, as an agent that refuses or does not answer would.
 */
final class FakeNodeAgents implements NodeAgents {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, StartRequest> starts = Collections.synchronizedMap(new HashMap<>());
    /** Every repair request, in the order sent, whichever agent it went to. */
    final List<RepairRequest> repairs = Collections.synchronizedList(new ArrayList<>());

    final Map<String, Reply> replies = new HashMap<>();
    final Map<String, List<RingEndpoint>> rings = new HashMap<>();
    final Map<String, JobView> jobs = new HashMap<>();
    final Set<String> failing = Collections.synchronizedSet(new HashSet<>());
    String nextJobId = "job-1";

    private void call(String what, String ip) throws IOException {
        calls.add(what + " " + ip);
        if (failing.contains(ip)) {
            throw new IOException("agent " + ip + " answered 409: refused for the test");
        }
    }

    @Override
    public void external(String ip, String namespace, String cluster, boolean https) {
        calls.add("external " + ip + (https ? " https" : " http"));
    }

    @Override
    public Optional<Reply> view(String ip) {
        calls.add("view " + ip);
        return failing.contains(ip) ? Optional.empty() : Optional.ofNullable(replies.get(ip));
    }

    @Override
    public List<RingEndpoint> ring(String ip) throws IOException {
        call("ring", ip);
        return rings.getOrDefault(ip, List.of());
    }

    @Override
    public Optional<JobView> job(String ip, String id) throws IOException {
        call("job", ip);
        return Optional.ofNullable(jobs.get(id));
    }

    /** Returns at once: the jobs here change only when a test changes them. */
    @Override
    public void awaitAnyEnd(java.util.Map<String, String> jobsByIp, java.time.Duration atMost) {}

    @Override
    public String cleanup(String ip) throws IOException {
        call("cleanup", ip);
        return nextJobId;
    }

    @Override
    public String rebuild(String ip, String sourceDatacenter) throws IOException {
        call("rebuild from " + sourceDatacenter, ip);
        return nextJobId;
    }

    @Override
    public String backup(String ip, dev.cassini.contract.BackupRequest request) throws IOException {
        call("backup " + request.backupId(), ip);
        return nextJobId;
    }

    @Override
    public String restore(String ip, dev.cassini.contract.RestoreRequest request) throws IOException {
        call("restore " + request.restoreId() + " " + request.step(), ip);
        return nextJobId;
    }

    @Override
    public String repair(String ip, RepairRequest request) throws IOException {
        call("repair " + request.repairId() + " " + request.segment(), ip);
        repairs.add(request);
        return nextJobId;
    }

    @Override
    public String maintenance(String ip, String operation, Object request) throws IOException {
        call(operation, ip);
        return nextJobId;
    }

    @Override
    public void restart(String ip) throws IOException {
        call("restart", ip);
    }

    @Override
    public void putSeeds(String ip, List<String> seeds) throws IOException {
        call("seeds " + seeds, ip);
    }

    @Override
    public void start(String ip, StartRequest request) throws IOException {
        call("start", ip);
        starts.put(ip, request);
    }

    @Override
    public void decommission(String ip, boolean force) throws IOException {
        call(force ? "decommission --force" : "decommission", ip);
    }

    @Override
    public void removeNode(String ip, String hostId) throws IOException {
        call("removenode " + hostId, ip);
    }

    @Override
    public void stop(String ip) throws IOException {
        call("stop", ip);
    }
}
