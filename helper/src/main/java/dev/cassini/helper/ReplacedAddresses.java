package dev.cassini.helper;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * {@value #OBJECT_NAME}: has this node's gossip forget the addresses that nodes had before they
 * restarted at another one.
 *
 * <p>A pod that restarts comes back at a new address with its host ID. The other nodes move its
 * tokens to the new address, but their gossip keeps the old address's state, dead, for days, and
 * passes it on. A node that restarts next hears of both addresses at once and applies the older
 * first; at that moment it knows the new address only from its own {@code system.peers}, with no
 * generation, so the dead address wins the host ID and the live one is set aside for Cassandra's
 * 60 s gossip quarantine. For that minute the restarted node counts every replica on that peer as
 * down. Forgetting the old address everywhere as soon as the new one is up closes that window.
 *
 * <p>The class itself refers to no Cassandra type, so the agent can register it before Cassandra's
 * main runs; {@link ReplacedAddressEviction} does the work once it is called.
 */
public final class ReplacedAddresses implements ReplacedAddressesMBean {
    public static final String OBJECT_NAME = "dev.cassini:type=ReplacedAddresses";

    static void register() throws JMException {
        ManagementFactory.getPlatformMBeanServer().registerMBean(new ReplacedAddresses(), new ObjectName(OBJECT_NAME));
    }

    /** Cassandra registers these as it creates its gossiper and storage service; not before. */
    static final List<String> CASSANDRA_READY =
            List.of("org.apache.cassandra.net:type=Gossiper", "org.apache.cassandra.db:type=StorageService");

    /**
     * Forgets nothing until Cassandra has created its gossiper and storage service: touching their
     * classes first would run their static initialisation on this thread, before Cassandra's main
     * has read its configuration, and leave them broken for good (Cassandra then fails to start).
     */
    @Override
    public List<String> forget() {
        try {
            for (String name : CASSANDRA_READY) {
                if (!ManagementFactory.getPlatformMBeanServer().isRegistered(new ObjectName(name))) {
                    return List.of();
                }
            }
        } catch (JMException e) {
            return List.of();
        }
        return ReplacedAddressEviction.forget();
    }
}
