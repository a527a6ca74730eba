package dev.cassini.model.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.model.security.AgentCertificatePlan.Held;
import dev.cassini.model.security.AgentCertificatePlan.Reason;
import dev.cassini.model.security.AgentCertificatePlan.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentCertificatePlanTest {
    private static final String CA = "CN=c1-agent-ca";
    private static final Instant ISSUED = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration NINETY_DAYS = Duration.ofDays(90);

    private static Held held(Instant notBefore) {
        return new Held(notBefore, notBefore.plus(NINETY_DAYS), CA);
    }

    @Test
    void everyPodOfANewRackGetsOne() {
        Result result = AgentCertificatePlan.next(AgentCertificatePlan.podsOf("c1-dc1-r1", 0, 3), Map.of(), CA, ISSUED);

        assertThat(result.issue())
                .containsExactly(
                        Map.entry("c1-dc1-r1-0", Reason.NEW_POD),
                        Map.entry("c1-dc1-r1-1", Reason.NEW_POD),
                        Map.entry("c1-dc1-r1-2", Reason.NEW_POD));
        assertThat(result.drop()).isEmpty();
        assertThat(result.nextCheck()).isNull();
    }

    @Test
    void aFreshCertificateIsKeptUntilTwoThirdsOfItsLifeHavePassed() {
        Map<String, Held> held = Map.of("c1-dc1-r1-0", held(ISSUED));
        List<String> pods = List.of("c1-dc1-r1-0");

        Result early = AgentCertificatePlan.next(pods, held, CA, ISSUED.plus(Duration.ofDays(59)));
        assertThat(early.nothingToDo()).isTrue();
        assertThat(early.nextCheck()).isEqualTo(ISSUED.plus(Duration.ofDays(60)));

        Result due = AgentCertificatePlan.next(pods, held, CA, ISSUED.plus(Duration.ofDays(60)));
        assertThat(due.issue()).containsExactly(Map.entry("c1-dc1-r1-0", Reason.RENEWAL));

        Result late = AgentCertificatePlan.next(pods, held, CA, ISSUED.plus(NINETY_DAYS));
        assertThat(late.issue()).containsExactly(Map.entry("c1-dc1-r1-0", Reason.EXPIRED));
    }

    @Test
    void aCertificateAnotherAuthoritySignedIsReplacedWhateverItsAge() {
        Map<String, Held> held = Map.of("c1-dc1-r1-0", new Held(ISSUED, ISSUED.plus(NINETY_DAYS), "CN=old-ca"));

        Result result = AgentCertificatePlan.next(List.of("c1-dc1-r1-0"), held, CA, ISSUED.plusSeconds(60));

        assertThat(result.issue()).containsExactly(Map.entry("c1-dc1-r1-0", Reason.NEW_AUTHORITY));
    }

    @Test
    void aScaleUpIssuesForTheNewOrdinalsBeforeTheirPodsExist() {
        Map<String, Held> held = Map.of("c1-dc1-r1-0", held(ISSUED), "c1-dc1-r1-1", held(ISSUED));

        Result result = AgentCertificatePlan.next(
                AgentCertificatePlan.podsOf("c1-dc1-r1", 2, 4), held, CA, ISSUED.plus(Duration.ofDays(1)));

        assertThat(result.issue())
                .containsExactly(Map.entry("c1-dc1-r1-2", Reason.NEW_POD), Map.entry("c1-dc1-r1-3", Reason.NEW_POD));
        assertThat(result.nextCheck()).isEqualTo(ISSUED.plus(Duration.ofDays(60)));
    }

    @Test
    void aScaleDownKeepsTheLeavingPodsCertificateUntilItsPodIsGone() {
        Map<String, Held> held =
                Map.of("c1-dc1-r1-0", held(ISSUED), "c1-dc1-r1-1", held(ISSUED), "c1-dc1-r1-2", held(ISSUED));
        Instant now = ISSUED.plus(Duration.ofDays(1));

        // Decommissioning: the StatefulSet still has 3 replicas, the spec wants 2.
        Result during = AgentCertificatePlan.next(AgentCertificatePlan.podsOf("c1-dc1-r1", 3, 2), held, CA, now);
        assertThat(during.nothingToDo()).isTrue();

        Result after = AgentCertificatePlan.next(AgentCertificatePlan.podsOf("c1-dc1-r1", 2, 2), held, CA, now);
        assertThat(after.issue()).isEmpty();
        assertThat(after.drop()).containsExactly("c1-dc1-r1-2");
    }

    @Test
    void theNextCheckIsTheEarliestRenewalOfTheCertificatesKept() {
        Map<String, Held> held =
                Map.of("c1-dc1-r1-0", held(ISSUED.plus(Duration.ofDays(10))), "c1-dc1-r1-1", held(ISSUED));

        Result result = AgentCertificatePlan.next(
                List.of("c1-dc1-r1-0", "c1-dc1-r1-1"), held, CA, ISSUED.plus(Duration.ofDays(20)));

        assertThat(result.nextCheck()).isEqualTo(ISSUED.plus(Duration.ofDays(60)));
    }
}
