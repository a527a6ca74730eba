package dev.cassini.contract;

import java.util.List;

/** The agent API's paths, so neither side spells one by hand. */
public final class AgentRoutes {
    private AgentRoutes() {}

    public static final String PREFIX = "/api/v1";
    public static final String OPENAPI = "/openapi.json";
    public static final String LIVE = "/healthz/live";
    public static final String READY = "/healthz/ready";
    public static final String NODE = PREFIX + "/node";
    public static final String RING = PREFIX + "/ring";
    public static final String START = PREFIX + "/lifecycle/start";
    public static final String STOP = PREFIX + "/lifecycle/stop";
    public static final String RESTART = PREFIX + "/lifecycle/restart";
    public static final String SEEDS = PREFIX + "/seeds";
    public static final String JOBS = PREFIX + "/jobs";
    public static final String LOGS = PREFIX + "/logs";

    public static final String DRAIN = "drain";
    public static final String DECOMMISSION = "decommission";
    public static final String REBUILD = "rebuild";
    public static final String CLEANUP = "cleanup";
    public static final String FLUSH = "flush";
    public static final String REMOVENODE = "removenode";
    public static final String BACKUP = "backup";
    public static final String RESTORE = "restore";
    public static final String REPAIR = "repair";
    public static final String COMPACT = "compact";
    public static final String UPGRADESSTABLES = "upgradesstables";
    public static final String SCRUB = "scrub";
    public static final String GARBAGECOLLECT = "garbagecollect";
    public static final String CLEARSNAPSHOT = "clearsnapshot";
    /** Every operation the agent runs as a job, by name (the job's {@code operation}). */
    public static final List<String> OPERATIONS = List.of(
            DRAIN,
            DECOMMISSION,
            REBUILD,
            CLEANUP,
            FLUSH,
            REMOVENODE,
            BACKUP,
            RESTORE,
            REPAIR,
            COMPACT,
            UPGRADESSTABLES,
            SCRUB,
            GARBAGECOLLECT,
            CLEARSNAPSHOT);

    /**
     * Query parameter of {@code GET} {@link #job}: answer as soon as the job has ended, or after
     * this many seconds (at most {@link #MAX_WAIT_SECONDS}) with it still running.
     */
    public static final String WAIT_SECONDS = "waitSeconds";

    public static final int MAX_WAIT_SECONDS = 30;

    /** {@code POST} here starts the operation as a job. */
    public static String operation(String name) {
        return PREFIX + "/operations/" + name;
    }

    /** One job, by the id its 202 answer gave. */
    public static String job(String id) {
        return JOBS + "/" + id;
    }
}
