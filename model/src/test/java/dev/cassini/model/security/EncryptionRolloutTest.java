package dev.cassini.model.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.api.v1alpha1.ClientTls;
import dev.cassini.api.v1alpha1.InternodeTls;
import dev.cassini.api.v1alpha1.TlsSpec;
import dev.cassini.contract.AgentEnvironment;
import dev.cassini.contract.ClientEncryption;
import dev.cassini.contract.InternodeEncryption;
import dev.cassini.model.security.EncryptionRollout.Rack;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncryptionRolloutTest {
    private static final NodeEncryption REQUIRED =
            new NodeEncryption(ClientEncryption.REQUIRED, InternodeEncryption.REQUIRED);

    private static List<NodeEncryption> everyStep() {
        List<NodeEncryption> all = new ArrayList<>();
        for (ClientEncryption client : ClientEncryption.values()) {
            for (InternodeEncryption internode : InternodeEncryption.values()) {
                all.add(new NodeEncryption(client, internode));
            }
        }
        return all;
    }

    /** What spec.tls can ask for: internode is None or Required. */
    private static List<NodeEncryption> everyTarget() {
        return everyStep().stream()
                .filter(e -> e.internode() == InternodeEncryption.OFF || e.internode() == InternodeEncryption.REQUIRED)
                .toList();
    }

    @Test
    void aNewClusterStartsAtTheTarget() {
        assertThat(EncryptionRollout.next(REQUIRED, List.of(), false)).isEqualTo(REQUIRED);
    }

    @Test
    void aStoppedClusterGoesToTheTargetAtOnce() {
        List<Rack> stopped = List.of(new Rack(NodeEncryption.OFF, true, 0), new Rack(NodeEncryption.OFF, true, 0));

        assertThat(EncryptionRollout.next(REQUIRED, stopped, false)).isEqualTo(REQUIRED);
    }

    @Test
    void aRunningClusterTakesOneStepOnlyWhenEveryRackIsSettledAndTheClusterReady() {
        NodeEncryption first = new NodeEncryption(ClientEncryption.OPTIONAL, InternodeEncryption.ACCEPT);
        List<Rack> settled = List.of(new Rack(NodeEncryption.OFF, true, 3), new Rack(NodeEncryption.OFF, true, 3));
        List<Rack> oneRestarting =
                List.of(new Rack(NodeEncryption.OFF, true, 3), new Rack(NodeEncryption.OFF, false, 3));

        assertThat(EncryptionRollout.next(REQUIRED, settled, true)).isEqualTo(first);
        assertThat(EncryptionRollout.next(REQUIRED, settled, false)).isEqualTo(NodeEncryption.OFF);
        assertThat(EncryptionRollout.next(REQUIRED, oneRestarting, true)).isEqualTo(NodeEncryption.OFF);
    }

    @Test
    void racksLeftOneStepApartAllGoToTheOneNearerTheTarget() {
        NodeEncryption accept = new NodeEncryption(ClientEncryption.OFF, InternodeEncryption.ACCEPT);
        NodeEncryption optional = new NodeEncryption(ClientEncryption.OFF, InternodeEncryption.OPTIONAL);
        List<Rack> split = List.of(new Rack(accept, true, 3), new Rack(optional, false, 3));

        assertThat(EncryptionRollout.next(REQUIRED, split, true)).isEqualTo(optional);
        assertThat(EncryptionRollout.next(NodeEncryption.OFF, split, true)).isEqualTo(accept);
    }

    /**
     * Every start and every target, three racks restarting one pod at a time, the target changed at
     * random on the way: no two running nodes are ever more than one step apart on either ladder,
     * and every rollout ends at its target.
     */
    @Test
    void noTwoNodesEverRunStepsThatCannotTalkAndEveryRolloutArrives() {
        Random random = new Random(20261205);
        for (NodeEncryption start : everyStep()) {
            for (NodeEncryption target : everyTarget()) {
                for (int run = 0; run < 20; run++) {
                    simulate(start, target, run == 0 ? 0 : random.nextInt(5), random);
                }
            }
        }
    }

    private static void simulate(NodeEncryption start, NodeEncryption firstTarget, int targetChanges, Random random) {
        int racks = 3;
        int podsPerRack = 2;
        NodeEncryption[] templates = new NodeEncryption[racks];
        NodeEncryption[][] pods = new NodeEncryption[racks][podsPerRack];
        for (int r = 0; r < racks; r++) {
            templates[r] = start;
            for (int p = 0; p < podsPerRack; p++) {
                pods[r][p] = start;
            }
        }
        NodeEncryption target = firstTarget;
        List<NodeEncryption> targets = everyTarget();
        for (int tick = 0; tick < 200; tick++) {
            if (targetChanges > 0 && random.nextInt(6) == 0) {
                target = targets.get(random.nextInt(targets.size()));
                targetChanges--;
            }
            NodeEncryption step = plan(target, templates, pods);
            // An apply may stop after any rack: the others keep their template this tick.
            int applied = random.nextInt(4) == 0 ? random.nextInt(racks) : racks;
            for (int r = 0; r < applied; r++) {
                templates[r] = step;
            }
            // One outdated pod restarts, as the rolling restart does.
            restartOne:
            for (int r = 0; r < racks; r++) {
                for (int p = 0; p < podsPerRack; p++) {
                    if (!pods[r][p].equals(templates[r])) {
                        pods[r][p] = templates[r];
                        break restartOne;
                    }
                }
            }
            assertCompatible(pods, start, firstTarget);
        }
        for (int tick = 0; tick < 100; tick++) { // no more changes: it must arrive
            NodeEncryption step = plan(target, templates, pods);
            for (int r = 0; r < racks; r++) {
                templates[r] = step;
                for (int p = 0; p < podsPerRack; p++) {
                    if (!pods[r][p].equals(step)) {
                        pods[r][p] = step;
                        r = racks; // one restart per tick
                        break;
                    }
                }
            }
            assertCompatible(pods, start, firstTarget);
        }
        for (NodeEncryption[] rack : pods) {
            for (NodeEncryption pod : rack) {
                assertThat(pod).as("from %s toward %s", start, firstTarget).isEqualTo(target);
            }
        }
    }

    /** The planner's step, with each rack settled when every pod runs its template, Ready when all do. */
    private static NodeEncryption plan(NodeEncryption target, NodeEncryption[] templates, NodeEncryption[][] pods) {
        List<Rack> observed = new ArrayList<>();
        boolean ready = true;
        for (int r = 0; r < templates.length; r++) {
            boolean settled = true;
            for (NodeEncryption pod : pods[r]) {
                settled &= pod.equals(templates[r]);
            }
            ready &= settled;
            observed.add(new Rack(templates[r], settled, pods[r].length));
        }
        return EncryptionRollout.next(target, observed, ready);
    }

    private static void assertCompatible(NodeEncryption[][] pods, NodeEncryption start, NodeEncryption target) {
        for (NodeEncryption[] a : pods) {
            for (NodeEncryption x : a) {
                for (NodeEncryption[] b : pods) {
                    for (NodeEncryption y : b) {
                        assertThat(Math.abs(
                                        x.internode().ordinal() - y.internode().ordinal()))
                                .as("internode %s next to %s, from %s toward %s", x, y, start, target)
                                .isLessThanOrEqualTo(1);
                        assertThat(Math.abs(x.client().ordinal() - y.client().ordinal()))
                                .as("clients %s next to %s, from %s toward %s", x, y, start, target)
                                .isLessThanOrEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void internodeFromOffToRequiredTakesThreeRestartsAndClientsTwo() {
        assertThat(NodeEncryption.OFF.stepsTo(REQUIRED)).isEqualTo(3);
        assertThat(NodeEncryption.OFF.stepToward(REQUIRED))
                .isEqualTo(new NodeEncryption(ClientEncryption.OPTIONAL, InternodeEncryption.ACCEPT));
        assertThat(EncryptionRollout.describe(NodeEncryption.OFF.stepToward(REQUIRED), REQUIRED))
                .isEqualTo("on the way to client required, internode required: nodes move to client optional,"
                        + " internode accept; 2 more rolling restarts after this one");
        assertThat(EncryptionRollout.describe(REQUIRED, REQUIRED))
                .isEqualTo("nodes run client required, internode required");
    }

    @Test
    void theSpecNamesTheLastStepOfEachLadder() {
        TlsSpec tls = new TlsSpec();
        assertThat(NodeEncryption.target(tls)).isEqualTo(NodeEncryption.OFF);
        assertThat(NodeEncryption.target(null)).isEqualTo(NodeEncryption.OFF);
        tls.setClient(ClientTls.Optional);
        tls.setInternode(InternodeTls.Required);
        assertThat(NodeEncryption.target(tls))
                .isEqualTo(new NodeEncryption(ClientEncryption.OPTIONAL, InternodeEncryption.REQUIRED));
    }

    @Test
    void theStepIsReadBackFromWhatTheTemplateTellsTheAgent() {
        NodeEncryption step = new NodeEncryption(ClientEncryption.OPTIONAL, InternodeEncryption.ACCEPT);

        assertThat(NodeEncryption.fromEnv(CassandraNodeTls.env(step))).isEqualTo(step);
        assertThat(NodeEncryption.fromEnv(List.of())).isEqualTo(NodeEncryption.OFF);
        assertThat(NodeEncryption.fromEnv(List.of(new EnvVar(AgentEnvironment.CLIENT_ENCRYPTION, "sometimes", null))))
                .isEqualTo(NodeEncryption.OFF);
    }

    @Test
    void aRackIsSettledOnlyWhenTheControllerSawItsTemplateAndEveryReplicaRunsItReady() {
        NodeEncryption step = new NodeEncryption(ClientEncryption.OPTIONAL, InternodeEncryption.ACCEPT);
        io.fabric8.kubernetes.api.model.apps.StatefulSet set =
                new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                        .withNewMetadata()
                        .withGeneration(4L)
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(3)
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName(dev.cassini.model.DesiredResources.CASSANDRA_CONTAINER)
                        .withEnv(CassandraNodeTls.env(step))
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .withNewStatus()
                        .withObservedGeneration(4L)
                        .withUpdatedReplicas(3)
                        .withReadyReplicas(3)
                        .endStatus()
                        .build();

        assertThat(EncryptionRollout.rack(set)).isEqualTo(new Rack(step, true, 3));
        set.getStatus().setObservedGeneration(3L);
        assertThat(EncryptionRollout.rack(set).settled()).isFalse();
        set.getStatus().setObservedGeneration(4L);
        set.getStatus().setUpdatedReplicas(2);
        assertThat(EncryptionRollout.rack(set).settled()).isFalse();
        set.getStatus().setUpdatedReplicas(3);
        set.getStatus().setReadyReplicas(2);
        assertThat(EncryptionRollout.rack(set).settled()).isFalse();
        assertThat(EncryptionRollout.rack(new io.fabric8.kubernetes.api.model.apps.StatefulSet()))
                .isEqualTo(new Rack(NodeEncryption.OFF, false, 0));
    }
}
