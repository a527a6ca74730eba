package dev.cassini.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code POST /api/v1/operations/clearsnapshot}: delete snapshots on this node.
 *
 * @param tag the snapshot's name; absent for every snapshot
 * @param keyspaces only the snapshots of these keyspaces; absent for every keyspace
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClearSnapshotRequest(String tag, List<String> keyspaces) {
    /** Every snapshot of every keyspace. */
    public static final ClearSnapshotRequest ALL = new ClearSnapshotRequest(null, null);
}
