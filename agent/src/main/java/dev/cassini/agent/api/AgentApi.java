package dev.cassini.agent.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cassini.agent.BadRequestException;
import dev.cassini.agent.ConflictException;
import dev.cassini.agent.NodeAgent;
import dev.cassini.agent.backup.NodeBackupUpload;
import dev.cassini.agent.backup.NodeRestore;
import dev.cassini.agent.jobs.Job;
import dev.cassini.agent.jobs.JobConflictException;
import dev.cassini.contract.AgentRoutes;
import dev.cassini.contract.BackupRequest;
import dev.cassini.contract.ClearSnapshotRequest;
import dev.cassini.contract.DecommissionRequest;
import dev.cassini.contract.ErrorBody;
import dev.cassini.contract.JobList;
import dev.cassini.contract.KeyspaceRequest;
import dev.cassini.contract.Liveness;
import dev.cassini.contract.LogTail;
import dev.cassini.contract.Readiness;
import dev.cassini.contract.RebuildRequest;
import dev.cassini.contract.RemoveNodeRequest;
import dev.cassini.contract.RepairParallelism;
import dev.cassini.contract.RepairRequest;
import dev.cassini.contract.RestoreRequest;
import dev.cassini.contract.RestoreStep;
import dev.cassini.contract.RestoreStreams;
import dev.cassini.contract.RingReport;
import dev.cassini.contract.ScrubRequest;
import dev.cassini.contract.SeedList;
import dev.cassini.contract.StartRequest;
import dev.cassini.contract.StopRequest;
import dev.cassini.contract.TablesRequest;
import dev.cassini.contract.TokenRange;
import dev.cassini.contract.UpgradeSSTablesRequest;
import dev.cassini.contract.backup.BackupLayout;
import dev.cassini.contract.backup.TableSelection;
import dev.cassini.helper.MBeanCallException;
import dev.cassini.store.ObjectStoreSettings;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP JSON API. Routes are listed as data ({@link #routes()}) so a test can check
 * that each one is in the OpenAPI document served at {@code /openapi.json}.
 */
public final class AgentApi implements AutoCloseable {
    /** The OpenAPI document, on the class path. */
    public static final String OPENAPI_RESOURCE = "/dev/cassini/agent/openapi.json";

    private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);
    public static final String PREFIX = AgentRoutes.PREFIX;

    /** One endpoint: method, path in OpenAPI form ({id}), handler. */
    public record Route(HandlerType method, String path, Handler handler) {}

    private final NodeAgent agent;
    private final ObjectMapper json;
    private final Javalin app;

    /** Where {@link #start} listens; read when Javalin builds the HTTPS listener. */
    private volatile String listenHost;

    private volatile int listenPort;

    /** Plain HTTP, for an agent started without TLS files (see {@link ApiTls#files}). */
    public AgentApi(NodeAgent agent) {
        this(agent, Optional.empty());
    }

    /** With {@code tls}, HTTPS only, and a client certificate for every route but the health probes. */
    public AgentApi(NodeAgent agent, Optional<ApiTls> tls) {
        this.agent = agent;
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.defaultContentType = "application/json";
            config.http.prefer405over404 = true;
            tls.ifPresent(t ->
                    config.jetty.addConnector((server, http) -> t.connector(server, http, listenHost, listenPort)));
        });
        if (tls.isPresent()) {
            app.before(ctx -> ApiTls.refusal(ctx.path(), ctx.req().getAttribute(ApiTls.clientChainAttribute()))
                    .ifPresent(reason -> {
                        error(ctx, 401, reason);
                        ctx.skipRemainingHandlers();
                    }));
        }
        for (Route route : routes()) {
            app.addHttpHandler(route.method(), route.path(), route.handler());
        }
        app.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        app.exception(ConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(JobConflictException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        app.exception(
                MBeanCallException.class, (e, ctx) -> error(ctx, 409, "Cassandra refused: " + e.cassandraError()));
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
        app.error(
                405, ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path() + "; see /openapi.json"));
    }

    public AgentApi start(String host, int port) {
        listenHost = host;
        listenPort = port;
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    private static final String RENDERED = "cassini.error-rendered";

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(RENDERED, true);
        ctx.status(status).json(new ErrorBody(message));
    }

    public List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, AgentRoutes.OPENAPI, this::openApi),
                new Route(HandlerType.GET, AgentRoutes.LIVE, ctx -> ctx.json(Liveness.OK)),
                new Route(HandlerType.GET, AgentRoutes.READY, this::ready),
                new Route(HandlerType.GET, AgentRoutes.NODE, ctx -> ctx.json(agent.status())),
                new Route(HandlerType.GET, AgentRoutes.RING, ctx -> ctx.json(new RingReport(agent.ring()))),
                new Route(HandlerType.POST, AgentRoutes.START, this::start),
                new Route(HandlerType.POST, AgentRoutes.STOP, this::stop),
                new Route(HandlerType.POST, AgentRoutes.RESTART, this::restart),
                new Route(HandlerType.GET, AgentRoutes.SEEDS, this::getSeeds),
                new Route(HandlerType.PUT, AgentRoutes.SEEDS, this::putSeeds),
                new Route(
                        HandlerType.POST,
                        AgentRoutes.operation(AgentRoutes.DRAIN),
                        ctx -> accepted(ctx, agent.drain())),
                new Route(
                        HandlerType.POST,
                        AgentRoutes.operation(AgentRoutes.DECOMMISSION),
                        ctx -> accepted(
                                ctx,
                                agent.decommission(RequestBody.parse(json, ctx.body(), DecommissionRequest.class)
                                        .bool("force", false)))),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.REBUILD), this::rebuild),
                new Route(
                        HandlerType.POST,
                        AgentRoutes.operation(AgentRoutes.CLEANUP),
                        ctx -> accepted(ctx, agent.cleanup(keyspaceOf(ctx)))),
                new Route(
                        HandlerType.POST,
                        AgentRoutes.operation(AgentRoutes.FLUSH),
                        ctx -> accepted(ctx, agent.flush(keyspaceOf(ctx)))),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.REMOVENODE), this::removeNode),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.BACKUP), this::backup),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.RESTORE), this::restore),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.REPAIR), this::repair),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.COMPACT), this::compact),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.UPGRADESSTABLES), this::upgradeSSTables),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.SCRUB), this::scrub),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.GARBAGECOLLECT), this::garbageCollect),
                new Route(HandlerType.POST, AgentRoutes.operation(AgentRoutes.CLEARSNAPSHOT), this::clearSnapshot),
                new Route(
                        HandlerType.GET,
                        AgentRoutes.JOBS,
                        ctx -> ctx.json(new JobList(
                                agent.jobs().all().stream().map(Job::view).toList()))),
                new Route(HandlerType.GET, AgentRoutes.job("{id}"), this::job),
                new Route(HandlerType.GET, AgentRoutes.LOGS, this::logs));
    }

    private void openApi(Context ctx) throws IOException {
        try (InputStream in = AgentApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            ctx.contentType("application/json").result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void ready(Context ctx) {
        Readiness readiness = agent.readiness();
        ctx.status(readiness.ready() ? 200 : 503).json(readiness);
    }

    private void start(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), StartRequest.class);
        agent.start(
                body.string("replaceAddress"),
                body.tokens("initialTokens"),
                body.bool("autoBootstrap", true),
                body.integer("systemKeyspaceReplicas", 0, 0, StartRequest.MAX_SYSTEM_KEYSPACE_REPLICAS));
        ctx.status(202).json(agent.status());
    }

    private void stop(Context ctx) throws InterruptedException {
        RequestBody body = RequestBody.parse(json, ctx.body(), StopRequest.class);
        agent.stop(
                body.bool("drain", true),
                Duration.ofSeconds(body.integer("timeoutSeconds", StopRequest.DEFAULT_TIMEOUT_SECONDS, 1, 3600)));
        ctx.json(agent.status());
    }

    private void restart(Context ctx) throws IOException, InterruptedException {
        RequestBody body = RequestBody.parse(json, ctx.body(), StopRequest.class);
        agent.restart(
                body.bool("drain", true),
                Duration.ofSeconds(body.integer("timeoutSeconds", StopRequest.DEFAULT_TIMEOUT_SECONDS, 1, 3600)));
        ctx.status(202).json(agent.status());
    }

    private void getSeeds(Context ctx) throws IOException {
        ctx.json(new SeedList(agent.seeds(), agent.activeSeeds().orElse(null)));
    }

    private void putSeeds(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), SeedList.class, "active");
        ctx.json(SeedList.of(agent.setSeeds(body.strings("seeds"))));
    }

    private void rebuild(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), RebuildRequest.class);
        accepted(
                ctx,
                agent.rebuild(
                        body.string("sourceDatacenter").orElse(null),
                        body.string("keyspace").orElse(null)));
    }

    private void backup(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), BackupRequest.class);
        String backupId = body.string("backupId")
                .orElseThrow(
                        () -> new BadRequestException("backupId is required: the backup this node's part belongs to"));
        String bucket = body.string("bucket")
                .orElseThrow(() -> new BadRequestException("bucket is required: where the backup goes"));
        try {
            new BackupLayout("").index(backupId); // refuses an id that cannot be a key
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        ObjectStoreSettings storage = storeSettings(body, bucket);
        NodeBackupUpload.Node identity = agent.backupIdentity(
                body.string("clusterName").orElse(agent.config().clusterName()),
                body.string("pod").orElse(null));
        accepted(
                ctx,
                agent.backup(
                        backupId,
                        identity,
                        storage,
                        body.string("prefix").orElse(""),
                        body.strings("keyspaces"),
                        body.strings("tables")));
    }

    private void restore(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), RestoreRequest.class);
        String restoreId = body.string("restoreId")
                .orElseThrow(() -> new BadRequestException("restoreId is required: the restore this step belongs to"));
        String stepName = body.string("step")
                .orElseThrow(() -> new BadRequestException(
                        "step is required: one of " + java.util.Arrays.toString(RestoreStep.values())));
        RestoreStep step;
        try {
            step = RestoreStep.valueOf(stepName);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    "step '" + stepName + "' is not one of " + java.util.Arrays.toString(RestoreStep.values()));
        }
        String manifest = body.string("manifest")
                .orElseThrow(() -> new BadRequestException(
                        "manifest is required: the key of the node manifest whose files this node restores"));
        String bucket = body.string("bucket")
                .orElseThrow(() -> new BadRequestException("bucket is required: where the backup is"));
        NodeRestore.Order order;
        try {
            new BackupLayout("").index(restoreId); // a restore id names a directory: no slashes, no dots alone
            order = new NodeRestore.Order(
                    restoreId,
                    manifest,
                    storeSettings(body, bucket),
                    new BackupLayout(body.string("prefix").orElse("")),
                    new TableSelection(body.strings("keyspaces"), body.strings("tables")),
                    body.object(json, "streams", RestoreStreams.class).orElse(null));
            if (step == RestoreStep.STREAM && order.streams() == null) {
                throw new BadRequestException("a STREAM step needs streams: the tables and the nodes and ranges"
                        + " each keyspace's files go to");
            }
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        accepted(ctx, agent.restore(step, order));
    }

    private void repair(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), RepairRequest.class);
        String parallelism = body.string("parallelism").orElse(null);
        RepairParallelism chosen;
        try {
            chosen = parallelism == null ? null : RepairParallelism.valueOf(parallelism);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("parallelism '" + parallelism + "' is not one of "
                    + java.util.Arrays.toString(RepairParallelism.values()));
        }
        accepted(
                ctx,
                agent.repair(new RepairRequest(
                        body.string("repairId").orElse(null),
                        body.string("segment").orElse(null),
                        body.string("keyspace").orElse(null),
                        body.strings("tables"),
                        body.objects(json, "ranges", TokenRange.class),
                        body.strings("datacenters"),
                        chosen,
                        body.bool("incremental", false),
                        body.positiveLong("timeoutSeconds").orElse(null))));
    }

    private void compact(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), TablesRequest.class);
        accepted(ctx, agent.compact(body.string("keyspace").orElse(null), body.strings("tables")));
    }

    private void upgradeSSTables(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), UpgradeSSTablesRequest.class);
        accepted(
                ctx,
                agent.upgradeSSTables(
                        body.string("keyspace").orElse(null), body.strings("tables"), body.bool("all", true)));
    }

    private void scrub(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), ScrubRequest.class);
        accepted(
                ctx,
                agent.scrub(new ScrubRequest(
                        body.string("keyspace").orElse(null),
                        body.strings("tables"),
                        body.bool("disableSnapshot", false),
                        body.bool("skipCorrupted", false),
                        body.bool("checkData", true),
                        body.bool("reinsertOverflowedTTL", false))));
    }

    private void garbageCollect(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), TablesRequest.class);
        accepted(ctx, agent.garbageCollect(body.string("keyspace").orElse(null), body.strings("tables")));
    }

    private void clearSnapshot(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), ClearSnapshotRequest.class);
        accepted(ctx, agent.clearSnapshot(body.string("tag").orElse(null), body.strings("keyspaces")));
    }

    /** The object store a backup or restore request names; its own fields are checked by {@link ObjectStoreSettings}. */
    private static ObjectStoreSettings storeSettings(RequestBody body, String bucket) {
        try {
            return new ObjectStoreSettings(
                    body.string("endpoint").orElse(null),
                    body.string("region").orElse("us-east-1"),
                    body.bool("pathStyle", false),
                    body.string("accessKeyId").orElse(null),
                    body.string("secretAccessKey").orElse(null),
                    bucket,
                    body.integer("concurrency", 4, 1, 64),
                    body.string("serverSideEncryption").orElse(null),
                    body.string("kmsKeyId").orElse(null),
                    body.positiveLong("bandwidthBytesPerSecond").orElse(0L));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private void removeNode(Context ctx) throws IOException {
        RequestBody body = RequestBody.parse(json, ctx.body(), RemoveNodeRequest.class);
        accepted(ctx, agent.removeNode(body.string("hostId").orElse(null)));
    }

    private String keyspaceOf(Context ctx) {
        return RequestBody.parse(json, ctx.body(), KeyspaceRequest.class)
                .string("keyspace")
                .orElse(null);
    }

    private void job(Context ctx) throws InterruptedException {
        Job job = agent.jobs()
                .get(ctx.pathParam("id"))
                .orElseThrow(() -> new NotFoundException(
                        "no job " + ctx.pathParam("id") + "; GET " + AgentRoutes.JOBS + " lists the known jobs"));
        String wait = ctx.queryParam(AgentRoutes.WAIT_SECONDS);
        if (wait != null) {
            int seconds;
            try {
                seconds = Integer.parseInt(wait);
            } catch (NumberFormatException e) {
                seconds = -1;
            }
            if (seconds < 0 || seconds > AgentRoutes.MAX_WAIT_SECONDS) {
                throw new BadRequestException(AgentRoutes.WAIT_SECONDS + " is '" + wait
                        + "'; give whole seconds from 0 to " + AgentRoutes.MAX_WAIT_SECONDS
                        + " (how long to wait for the job to end before answering)");
            }
            job.awaitEnd(java.time.Duration.ofSeconds(seconds));
        }
        ctx.json(job.view());
    }

    private void logs(Context ctx) throws IOException {
        String which = ctx.queryParamAsClass("log", String.class).getOrDefault("system");
        int lines;
        try {
            lines = Integer.parseInt(
                    ctx.queryParamAsClass("lines", String.class).getOrDefault("100"));
        } catch (NumberFormatException e) {
            throw new BadRequestException("lines must be a whole number from 1 to 10000");
        }
        ctx.json(new LogTail(which, agent.logTail(which, lines)));
    }

    private static void accepted(Context ctx, Job job) {
        ctx.status(202).header("Location", AgentRoutes.job(job.id())).json(job.view());
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
