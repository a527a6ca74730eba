package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraRepair;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobPhaseChangeTest {
    private final List<String> recorded = new ArrayList<>();
    private final EventRecorder events = (resource, type, reason, message) ->
            recorded.add(resource.getMetadata().getName() + " " + type + " " + reason + ": " + message);

    private static CassandraRepair repair() {
        CassandraRepair repair = new CassandraRepair();
        repair.setMetadata(new ObjectMetaBuilder()
                .withName("nightly")
                .withNamespace("shop")
                .build());
        return repair;
    }

    @Test
    void aNewPhaseIsOneEventNamedByKindAndPhaseAndAFailureIsAWarning() {
        JobPhaseChange.announce(events, repair(), "Repair", "Pending", "Running", "3/50 segments");
        JobPhaseChange.announce(events, repair(), "Repair", "Running", "Failed", "2 segments given up");
        JobPhaseChange.announce(events, repair(), "Repair", null, "Pending", "waiting for the cluster");

        assertThat(recorded)
                .containsExactly(
                        "nightly Normal RepairRunning: 3/50 segments",
                        "nightly Warning RepairFailed: 2 segments given up",
                        "nightly Normal RepairPending: waiting for the cluster");
    }

    @Test
    void theSamePhaseAgainIsNotAnnounced() {
        JobPhaseChange.announce(events, repair(), "Task", "Running", "Running", "2/3");
        assertThat(recorded).isEmpty();
    }
}
