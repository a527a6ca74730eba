package dev.cassini.helper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplacedAddressesTest {
    /**
     * The agent calls it from the moment Cassandra's process runs. Before Cassandra registered its
     * gossiper, touching the gossiper's class would initialise it on the wrong thread, too early,
     * and Cassandra would then fail to start: so it answers nothing and touches nothing. (In this
     * JVM, with Cassandra's classes on the class path but no Cassandra running, a touch would throw.)
     */
    @Test
    void beforeCassandraRegisteredItsGossiperNothingIsForgottenAndNothingTouched() {
        assertThat(new ReplacedAddresses().forget()).isEmpty();
    }
}
