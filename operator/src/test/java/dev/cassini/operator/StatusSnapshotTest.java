package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraRepairStatus;
import org.junit.jupiter.api.Test;

class StatusSnapshotTest {
    @Test
    void aStatusChangedInPlaceIsSeenAsChangedUnlessOnlyAnIgnoredFieldMoved() {
        CassandraRepairStatus status = new CassandraRepairStatus();
        status.setPhase("Running");
        status.setEtaSeconds(120L);
        StatusSnapshot snapshot = StatusSnapshot.of(status);
        assertThat(snapshot.changed(status)).isFalse();

        status.setEtaSeconds(119L);
        assertThat(snapshot.changed(status)).isTrue();
        assertThat(snapshot.changed(status, "etaSeconds")).isFalse();

        status.setMessage("3/50 segments");
        assertThat(snapshot.changed(status, "etaSeconds")).isTrue();
    }
}
