package dev.cassini.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * When the node last drained, kept on its volume so the next start, in a new pod too, knows the
 * node left the ring cleanly moments ago and rejoins a ring it knows.
 *
 * <p>Such a start need not wait for gossip to settle (5 s and three more polls, 8 s and more of
 * every rolling restart's node): the node knows every peer from its own tables, and Cassandra
 * still holds clients off until it has connections to its datacenter's peers and sees them alive
 * (all but one, for up to {@code block_for_peers_timeout_in_secs}). A node that crashed, or has
 * been down longer than {@link #REJOIN_WINDOW} while the ring may have changed, waits as Cassandra
 * means it to.
 */
public final class DrainRecord {
    /** How recently the node must have drained for its next start to count as rejoining. */
    public static final Duration REJOIN_WINDOW = Duration.ofMinutes(10);

    private DrainRecord() {}

    /** Records a drain that completed at this instant. */
    public static void record(NodeDirectories dirs, Instant at) throws IOException {
        Path marker = dirs.drainedMarker();
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, at + "\n");
    }

    /**
     * Whether the node drained within {@link #REJOIN_WINDOW} before {@code now}; the record is used
     * up either way, so only the start right after the drain counts.
     */
    public static boolean takeRecent(NodeDirectories dirs, Instant now) throws IOException {
        Path marker = dirs.drainedMarker();
        String text;
        try {
            text = Files.readString(marker).strip();
        } catch (NoSuchFileException e) {
            return false;
        }
        Files.deleteIfExists(marker);
        try {
            Instant drained = Instant.parse(text);
            return !drained.isAfter(now) && Duration.between(drained, now).compareTo(REJOIN_WINDOW) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
