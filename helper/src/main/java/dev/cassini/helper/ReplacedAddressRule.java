package dev.cassini.helper;

/** Which gossip addresses are a node's former ones. Pure. */
final class ReplacedAddressRule {
    private ReplacedAddressRule() {}

    /**
     * An address is a former one when gossip holds it down, it owns no tokens, and the host ID it
     * carries belongs to another address that is up: the same node, restarted there. Anything else
     * (a node down but still a member, a node that left, this node) stays for Cassandra to handle.
     *
     * @param self the address is this node's own
     * @param alive gossip holds the address up
     * @param member the address owns tokens in this node's ring
     * @param hostIdElsewhere the host ID it carries belongs to another address in this node's ring
     * @param ownerAlive that other address is up
     */
    static boolean replaced(boolean self, boolean alive, boolean member, boolean hostIdElsewhere, boolean ownerAlive) {
        return !self && !alive && !member && hostIdElsewhere && ownerAlive;
    }
}
