package dev.cassini.operator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.DecommissionRequest;
import dev.cassini.contract.ErrorBody;
import dev.cassini.contract.JobList;
import dev.cassini.contract.JobState;
import dev.cassini.contract.JobView;
import dev.cassini.contract.KeyspaceRequest;
import dev.cassini.contract.NodeReport;
import dev.cassini.contract.RemoveNodeRequest;
import dev.cassini.contract.RingEndpoint;
import dev.cassini.contract.RingReport;
import dev.cassini.contract.SeedList;
import dev.cassini.contract.StartRequest;
import dev.cassini.contract.StopRequest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The operator's side of the node agent API, addressed by pod IP (never through Services, which
 * devkube cannot give endpoints). Requests and answers are the contract's records, read and
 * written by Jackson; errors carry the agent's own message.
 */
final class NodeAgentClient implements NodeAgents {
    /** Lenient on what it reads: a newer agent may add fields or states (they read as UNKNOWN). */
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE);

    private final AgentEndpoints endpoints;

    /** Calls each agent as {@code endpoints} says: over HTTPS with the operator's certificate, or plain HTTP. */
    NodeAgentClient(AgentEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** Reaches agents the way their pods say (see {@link PodAgentEndpoints}), looking in {@code namespaces}. */
    static NodeAgentClient forPods(
            io.fabric8.kubernetes.client.KubernetesClient client, java.util.Set<String> namespaces) {
        return new NodeAgentClient(new PodAgentEndpoints(client, namespaces, java.time.Clock.systemUTC()));
    }

    @Override
    public void external(String ip, String namespace, String cluster, boolean https) {
        endpoints.external(ip, namespace, cluster, https);
    }

    @Override
    public Optional<Reply> view(String ip) {
        try {
            NodeReport node = get(ip, AgentRoutes.NODE, NodeReport.class, Duration.ofSeconds(5));
            SeedList seeds = get(ip, AgentRoutes.SEEDS, SeedList.class, Duration.ofSeconds(5));
            return Optional.of(new Reply(node, seeds));
        } catch (IOException | AgentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String rebuild(String ip, String sourceDatacenter) throws IOException {
        Optional<String> running = runningJob(ip, AgentRoutes.REBUILD, job -> true);
        if (running.isPresent()) {
            return running.get();
        }
        return startJob(ip, AgentRoutes.REBUILD, new dev.cassini.contract.RebuildRequest(sourceDatacenter, null))
                .id();
    }

    @Override
    public String cleanup(String ip) throws IOException {
        Optional<String> running = runningJob(ip, AgentRoutes.CLEANUP, job -> true);
        if (running.isPresent()) {
            return running.get();
        }
        return startJob(ip, AgentRoutes.CLEANUP, KeyspaceRequest.ALL).id();
    }

    @Override
    public String backup(String ip, dev.cassini.contract.BackupRequest request) throws IOException {
        Optional<String> running = runningJob(
                ip,
                AgentRoutes.BACKUP,
                job -> request.backupId().equals(job.parameters().get("backupId")));
        if (running.isPresent()) {
            return running.get();
        }
        return post(ip, AgentRoutes.operation(AgentRoutes.BACKUP), request, JobView.class, Duration.ofSeconds(60))
                .id();
    }

    @Override
    public String restore(String ip, dev.cassini.contract.RestoreRequest request) throws IOException {
        Optional<String> running = runningJob(
                ip,
                AgentRoutes.RESTORE,
                job -> request.restoreId().equals(job.parameters().get("restoreId"))
                        && request.step().name().equals(job.parameters().get("step")));
        if (running.isPresent()) {
            return running.get();
        }
        return post(ip, AgentRoutes.operation(AgentRoutes.RESTORE), request, JobView.class, Duration.ofSeconds(60))
                .id();
    }

    @Override
    public String repair(String ip, dev.cassini.contract.RepairRequest request) throws IOException {
        // A session the agent already runs for this segment (its operator died before recording the
        // job) is the same work: starting another would only be refused as a second exclusive job.
        Optional<String> running = runningJob(
                ip,
                AgentRoutes.REPAIR,
                job -> request.repairId().equals(job.parameters().get("repairId"))
                        && request.segment().equals(job.parameters().get("segment")));
        if (running.isPresent()) {
            return running.get();
        }
        return startJob(ip, AgentRoutes.REPAIR, request).id();
    }

    @Override
    public String maintenance(String ip, String operation, Object request) throws IOException {
        Optional<String> running = runningJob(ip, operation, job -> true);
        if (running.isPresent()) {
            return running.get();
        }
        return startJob(ip, operation, request).id();
    }

    @Override
    public void restart(String ip) throws IOException {
        post(ip, AgentRoutes.RESTART, StopRequest.DRAIN, NodeReport.class, Duration.ofMinutes(5));
    }

    /** A job of this operation running on the agent (started by an operator that died before recording it). */
    private Optional<String> runningJob(String ip, String operation, java.util.function.Predicate<JobView> matches)
            throws IOException {
        return get(ip, AgentRoutes.JOBS, JobList.class, Duration.ofSeconds(10)).jobs().stream()
                .filter(job ->
                        job.operation().equals(operation) && job.state() == JobState.RUNNING && matches.test(job))
                .map(JobView::id)
                .findFirst();
    }

    @Override
    public Optional<JobView> job(String ip, String id) throws IOException {
        try {
            return Optional.of(get(ip, AgentRoutes.job(id), JobView.class, Duration.ofSeconds(5)));
        } catch (AgentException e) {
            if (e.status == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<RingEndpoint> ring(String ip) throws IOException {
        return get(ip, AgentRoutes.RING, RingReport.class, Duration.ofSeconds(10))
                .endpoints();
    }

    @Override
    public void putSeeds(String ip, List<String> seeds) throws IOException {
        HttpRequest.BodyPublisher body = body(SeedList.of(seeds));
        send(ip, AgentRoutes.SEEDS, builder -> builder.PUT(body), SeedList.class, Duration.ofSeconds(10));
    }

    @Override
    public void start(String ip, StartRequest request) throws IOException {
        post(ip, AgentRoutes.START, request, NodeReport.class, Duration.ofSeconds(30));
    }

    @Override
    public void decommission(String ip, boolean force) throws IOException {
        startJob(ip, AgentRoutes.DECOMMISSION, new DecommissionRequest(force));
    }

    @Override
    public void removeNode(String ip, String hostId) throws IOException {
        if (runningJob(
                        ip,
                        AgentRoutes.REMOVENODE,
                        job -> hostId.equals(job.parameters().get("hostId")))
                .isEmpty()) {
            startJob(ip, AgentRoutes.REMOVENODE, new RemoveNodeRequest(hostId));
        }
    }

    /** Starts the agent's job for {@code operation}; the agent answers once it has accepted it. */
    private JobView startJob(String ip, String operation, Object request) throws IOException {
        return post(ip, AgentRoutes.operation(operation), request, JobView.class, Duration.ofSeconds(30));
    }

    @Override
    public void stop(String ip) throws IOException {
        post(ip, AgentRoutes.STOP, StopRequest.DRAIN, NodeReport.class, Duration.ofMinutes(4));
    }

    @Override
    public void awaitAnyEnd(java.util.Map<String, String> jobsByIp, Duration atMost) {
        if (jobsByIp.isEmpty()) {
            return;
        }
        long seconds = Math.max(0, Math.min(atMost.toSeconds(), AgentRoutes.MAX_WAIT_SECONDS));
        List<java.util.concurrent.CompletableFuture<?>> answers = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, String> job : jobsByIp.entrySet()) {
            String ip = job.getKey();
            try {
                AgentEndpoints.Endpoint endpoint = endpoints.of(ip);
                answers.add(endpoint.http()
                        .sendAsync(
                                HttpRequest.newBuilder(endpoint.uri(
                                                ip,
                                                AgentRoutes.job(job.getValue()) + "?" + AgentRoutes.WAIT_SECONDS + "="
                                                        + seconds))
                                        .timeout(Duration.ofSeconds(seconds + 5))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding()));
            } catch (IOException e) {
                // an agent that cannot be asked: the caller looks at every job itself
                answers.forEach(a -> a.cancel(true));
                return;
            }
        }
        try {
            java.util.concurrent.CompletableFuture.anyOf(answers.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(seconds + 5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // an agent not answering: the caller looks at every job itself
        } finally {
            answers.forEach(a -> a.cancel(true));
        }
    }

    private <T> T get(String ip, String path, Class<T> type, Duration timeout) throws IOException {
        return send(ip, path, builder -> builder.GET(), type, timeout);
    }

    private <T> T post(String ip, String path, Object request, Class<T> type, Duration timeout) throws IOException {
        HttpRequest.BodyPublisher body = body(request);
        return send(ip, path, builder -> builder.POST(body), type, timeout);
    }

    private static HttpRequest.BodyPublisher body(Object request) throws IOException {
        return request == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request));
    }

    private <T> T send(
            String ip,
            String path,
            java.util.function.UnaryOperator<HttpRequest.Builder> method,
            Class<T> type,
            Duration timeout)
            throws IOException {
        AgentEndpoints.Endpoint endpoint = endpoints.of(ip);
        HttpRequest built = method.apply(HttpRequest.newBuilder(endpoint.uri(ip, path)))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .build();
        try {
            HttpResponse<String> response;
            try {
                response = endpoint.http().send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // another pod may have the address now, or this one may serve TLS since its restart
                endpoints.forget(ip);
                throw e;
            }
            if (response.statusCode() >= 400) {
                throw new AgentException(
                        response.statusCode(),
                        "agent " + ip + " answered " + response.statusCode() + ": " + errorOf(response.body()));
            }
            return JSON.readValue(response.body().isBlank() ? "{}" : response.body(), type);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling agent " + ip, e);
        }
    }

    private static String errorOf(String body) {
        try {
            ErrorBody error = JSON.readValue(body, ErrorBody.class);
            return error.error() == null ? body : error.error();
        } catch (IOException e) {
            return body;
        }
    }

    /** The agent answered with an error status. */
    static final class AgentException extends RuntimeException {
        final int status;

        AgentException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
