package dev.cassini.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.agent.BadRequestException;
import dev.cassini.agent.ConflictException;
import dev.cassini.agent.NodeAgent;
import dev.cassini.agent.jobs.Job;
import dev.cassini.agent.jobs.JobConflictException;
import dev.cassini.helper.MBeanCallException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP JSON API. Routes are listed as data ({@link #routes()}) so a test can check
 * that each one is in the OpenAPI document served at {@code /openapi.json}.
 */
public final class AgentApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);
    public static final String PREFIX = "/api/v1";
    /** A replication factor above this for Cassandra's own keyspaces is a typo, not a choice. */
    static final int MAX_SYSTEM_KEYSPACE_REPLICAS = 9;

    /** One endpoint: method, path in OpenAPI form ({id}), handler. */
    public record Route(HandlerType method, String path, Handler handler) {}

    private final NodeAgent agent;
    private final ObjectMapper json;
    private final Javalin app;

    public AgentApi(NodeAgent agent) {
        this.agent = agent;
        this.json = new ObjectMapper().registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.defaultContentType = "application/json";
            config.http.prefer405over404 = true;
        });
        for (Route route : routes()) {
            app.addHttpHandler(route.method(), route.path(), route.handler());
        }
        app.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(JobConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(MBeanCallException.class, (e, ctx) -> error(ctx, 409, "Cassandra refused: " + e.cassandraError()));
        app.exception(IOException.class, (e, ctx) -> error(ctx, 503, "Cassandra is not reachable: " + e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e);
        });
        app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        // Error handlers run for every response with that status; ours already carry their message.
        app.error(404, ctx -> {
            if (ctx.attribute(RENDERED) == null) {
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + "; see /openapi.json");
            }
        });
        app.error(405, ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; see /openapi.json"));
    }

    public AgentApi start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private static final String RENDERED = "cassini.error-rendered";

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(RENDERED, true);
        ctx.status(status).json(Map.of("error", message));
    }

    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, "/openapi.json", this::openApi),
                new Route(HandlerType.GET, "/healthz/live", ctx -> ctx.json(Map.of("status", "ok"))),
                new Route(HandlerType.GET, "/healthz/ready", this::ready),
                new Route(HandlerType.GET, PREFIX + "/node", ctx -> ctx.json(agent.status())),
                new Route(HandlerType.GET, PREFIX + "/ring", ctx -> ctx.json(Map.of("endpoints", agent.ring()))),
                new Route(HandlerType.POST, PREFIX + "/lifecycle/start", this::start),
                new Route(HandlerType.POST, PREFIX + "/lifecycle/stop", this::stop),
                new Route(HandlerType.POST, PREFIX + "/lifecycle/restart", this::restart),
                new Route(HandlerType.GET, PREFIX + "/seeds", this::getSeeds),
                new Route(HandlerType.PUT, PREFIX + "/seeds", this::putSeeds),
                new Route(HandlerType.POST, PREFIX + "/operations/drain", ctx -> accepted(ctx, agent.drain())),
                new Route(HandlerType.POST, PREFIX + "/operations/decommission", ctx -> accepted(ctx, agent.decommission())),
                new Route(HandlerType.POST, PREFIX + "/operations/rebuild", this::rebuild),
                new Route(HandlerType.POST, PREFIX + "/operations/cleanup", ctx -> accepted(ctx, agent.cleanup(keyspaceOf(ctx)))),
                new Route(HandlerType.POST, PREFIX + "/operations/flush", ctx -> accepted(ctx, agent.flush(keyspaceOf(ctx)))),
                new Route(HandlerType.POST, PREFIX + "/operations/removenode", this::removeNode),
                new Route(HandlerType.GET, PREFIX + "/jobs", ctx -> ctx.json(Map.of("jobs", agent.jobs().all().stream().map(JobView::of).toList()))),
                new Route(HandlerType.GET, PREFIX + "/jobs/{id}", this::job),
                new Route(HandlerType.GET, PREFIX + "/logs", this::logs));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = AgentApi.class.getResourceAsStream("/dev/cassini/agent/openapi.json")) {
            ctx.contentType("application/json").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void ready(Context ctx) {
        NodeAgent.Readiness readiness = agent.readiness();
        ctx.status(readiness.ready() ? 200 : 503).json(readiness);
    }

    private void start(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), Set.of("replaceAddress", "initialTokens", "autoBootstrap", "systemKeyspaceReplicas"));
        agent.start(body.string("replaceAddress"), body.tokens("initialTokens"), body.bool("autoBootstrap", true),
                body.integer("systemKeyspaceReplicas", 0, 0, MAX_SYSTEM_KEYSPACE_REPLICAS));
        ctx.status(202).json(agent.status());
    }

    private void stop(Context ctx) throws InterruptedException {
        RequestBody body = RequestBody.parse(json, ctx.body(), Set.of("drain", "timeoutSeconds"));
        agent.stop(body.bool("drain", true), Duration.ofSeconds(body.integer("timeoutSeconds", 120, 1, 3600)));
        ctx.json(agent.status());
    }

    private void restart(Context ctx) throws IOException, InterruptedException {
        RequestBody body = RequestBody.parse(json, ctx.body(), Set.of("drain", "timeoutSeconds"));
        agent.restart(body.bool("drain", true), Duration.ofSeconds(body.integer("timeoutSeconds", 120, 1, 3600)));
        ctx.status(202).json(agent.status());
    }

    private void getSeeds(Context ctx) throws IOException {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("seeds", agent.seeds());
        agent.activeSeeds().ifPresent(active -> body.put("active", active));
        ctx.json(body);
    }

    private void putSeeds(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), Set.of("seeds"));
        ctx.json(Map.of("seeds", agent.setSeeds(body.strings("seeds"))));
    }

    private void rebuild(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), Set.of("sourceDatacenter", "keyspace"));
        accepted(ctx, agent.rebuild(body.string("sourceDatacenter").orElse(null), body.string("keyspace").orElse(null)));
    }

    private void removeNode(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), Set.of("hostId"));
        accepted(ctx, agent.removeNode(body.string("hostId").orElse(null)));
    }

    private String keyspaceOf(Context ctx) {
        return RequestBody.parse(json, ctx.body(), Set.of("keyspace")).string("keyspace").orElse(null);
    }

    private void job(Context ctx) {
        Job job = agent.jobs().get(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundException("no job " + ctx.pathParam("id") + "; GET " + PREFIX + "/jobs lists the known jobs"));
        ctx.json(JobView.of(job));
    }

    private void logs(Context ctx) throws IOException {
        String which = ctx.queryParamAsClass("log", String.class).getOrDefault("system");
        int lines;
        try {
            lines = Integer.parseInt(ctx.queryParamAsClass("lines", String.class).getOrDefault("100"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("lines must be a whole number from 1 to 10000");
        }
        ctx.json(Map.of("log", which, "lines", agent.logTail(which, lines)));
    }

    private static void accepted(Context ctx, Job job) {
        ctx.status(202).header("Location", PREFIX + "/jobs/" + job.id()).json(JobView.of(job));
    }

    /** An unknown resource asked for by id (HTTP 404). */
    private static final class NotFoundException extends RuntimeException {
        NotFoundException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
