package dev.cassini.model.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.CassandraRepairStatus;
import dev.cassini.api.v1alpha1.RepairTableStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepairStatusLedgerTest {
    @Test
    void aLedgerWrittenToStatusReadsBackTheSame() {
        Instant t = Instant.parse("2026-12-03T12:00:00Z");
        RepairLedger.Running done = new RepairLedger.Running(
                "ks.a",
                List.of(new TokenSpan(0, 10), new TokenSpan(20, 30)),
                List.of("p1", "p2"),
                "p1",
                "j1",
                t,
                1,
                Map.of("p1", 5L, "p2", 7L));
        RepairLedger.Running failing = new RepairLedger.Running(
                "ks.b", List.of(new TokenSpan(-5, 5)), List.of("p2", "p3"), "p2", "j2", t, 2, null);
        RepairLedger.Running open = new RepairLedger.Running(
                "ks.a",
                List.of(new TokenSpan(Long.MIN_VALUE, -100)),
                List.of("p3", "p1"),
                "p3",
                "j3",
                t,
                1,
                Map.of("p3", 1L));
        RepairLedger ledger = RepairLedger.EMPTY
                .started(done)
                .started(failing)
                .started(open)
                .succeeded(done, t.plusSeconds(10), 0.5)
                .failed(failing, "boom", t.plusSeconds(3));

        CassandraRepairStatus status = new CassandraRepairStatus();
        status.setTables(List.of(table("ks.a"), table("ks.b")));
        RepairStatusLedger.write(ledger, status);

        assertThat(status.getTables().get(0).getRepaired()).containsExactly("0:10", "20:30");
        assertThat(status.getRunning()).singleElement().satisfies(r -> {
            assertThat(r.getRanges()).containsExactly("-9223372036854775808:-100");
            assertThat(r.getSentAtStart()).containsEntry("p3", 1L);
        });
        assertThat(status.getFailures())
                .singleElement()
                .satisfies(f -> assertThat(f.getAttempts()).isEqualTo(2));
        assertThat(status.getRestingUntil()).containsEntry("p1", "2026-12-03T12:00:20Z");
        assertThat(RepairStatusLedger.read(status)).isEqualTo(ledger);
    }

    private static RepairTableStatus table(String name) {
        RepairTableStatus t = new RepairTableStatus();
        t.setName(name);
        return t;
    }
}
