package dev.cassini.helper;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.cassandra.gms.ApplicationState;
import org.apache.cassandra.gms.EndpointState;
import org.apache.cassandra.gms.FailureDetector;
import org.apache.cassandra.gms.Gossiper;
import org.apache.cassandra.gms.VersionedValue;
import org.apache.cassandra.locator.InetAddressAndPort;
import org.apache.cassandra.locator.TokenMetadata;
import org.apache.cassandra.service.StorageService;
import org.apache.cassandra.utils.FBUtilities;

/** What {@link ReplacedAddresses#forget()} does, inside Cassandra. */
final class ReplacedAddressEviction {
    private ReplacedAddressEviction() {}

    static List<String> forget() {
        Gossiper gossiper = Gossiper.instance;
        if (!gossiper.isEnabled()) {
            return List.of(); // not started yet, or drained
        }
        if (replaced(gossiper).isEmpty()) {
            return List.of(); // the usual answer, without queueing on the gossip stage
        }
        List<String> forgotten = new ArrayList<>();
        // Gossip's state changes only on its own stage; looked at again there, where nothing moves meanwhile.
        Gossiper.runInGossipStageBlocking(() -> {
            for (InetAddressAndPort address : replaced(gossiper)) {
                // What Cassandra itself does to the address a replacement took over: drop its state so it is
                // gossiped no more, and ignore it for twice the quarantine should another node still send it.
                gossiper.replacedEndpoint(address);
                forgotten.add(address.getHostAddressAndPort());
            }
        });
        return forgotten;
    }

    private static List<InetAddressAndPort> replaced(Gossiper gossiper) {
        TokenMetadata ring = StorageService.instance.getTokenMetadata();
        InetAddressAndPort self = FBUtilities.getBroadcastAddressAndPort();
        List<InetAddressAndPort> replaced = new ArrayList<>();
        for (InetAddressAndPort address : gossiper.getEndpoints()) {
            EndpointState state = gossiper.getEndpointStateForEndpoint(address);
            if (state == null) {
                continue;
            }
            VersionedValue carried = state.getApplicationState(ApplicationState.HOST_ID);
            UUID hostId = carried == null ? null : UUID.fromString(carried.value);
            InetAddressAndPort owner = hostId == null ? null : ring.getEndpointForHostId(hostId);
            if (ReplacedAddressRule.replaced(
                    address.equals(self),
                    state.isAlive(),
                    ring.isMember(address),
                    owner != null && !owner.equals(address),
                    owner != null && FailureDetector.instance.isAlive(owner))) {
                replaced.add(address);
            }
        }
        return replaced;
    }
}
