package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The chart's RBAC rules judged by what the operator did with them: after the end-to-end classes,
 * whose operators ran on the chart's ServiceAccount with RBAC on ({@link OperatorAccount}), no
 * request of theirs was refused, and every grant of the chart was needed by at least one request
 * or is named below with the reason the suite cannot show it. A refused request means the chart
 * lacks a rule; a grant never needed is one to take away.
 *
 * <p>Reads count per resource: get, list and watch of a resource are granted together, as list
 * returns whatever get would, and a grant of one without the others protects nothing.
 */
@Order(Integer.MAX_VALUE)
class OperatorPermissionsIT {
    /** The classes whose operators together exercise every rule. */
    private static final Set<String> END_TO_END = Set.of("ClusterLifecycleIT", "MaintenanceIT");

    /** Grants the operator's code needs where the default suite does not go, and why. */
    static final Map<String, String> NEEDED_BEYOND_THE_SUITE = Map.of(
            "update cassandraclusters.cassini.dev/finalizers",
            "every object a cluster owns has an owner reference blocking the owner's deletion, which the"
                    + " OwnerReferencesPermissionEnforcement admission plugin (OpenShift) allows only to who may update"
                    + " the owner's finalizers; devkube's API server does not enable that plugin",
            "delete cassandrarepairs.cassini.dev",
            "continuous repair deletes its finished runs beyond the last few (ContinuousRepairs.KEEP_FINISHED),"
                    + " more runs than one suite's clusters finish",
            "patch cassandrarepairs.cassini.dev",
            "continuous repair suspends its run while its plan says so and resumes it after (ContinuousRepairs,"
                    + " setSuspend), which no default scenario brings about");

    @Test
    void theOperatorWasRefusedNothingAndNeededEveryGrantOfTheChart() {
        Set<String> ran = ApiRequests.SHARED.finishedSuites();
        Assumptions.assumeTrue(
                ran.containsAll(END_TO_END),
                "judges the operator's requests only after " + END_TO_END + " ran in this JVM; ran: " + ran);
        Map<String, Integer> used = ApiRequests.SHARED.used();
        System.out.println("the operator's requests by the grant each needed: " + used);
        assertThat(ApiRequests.SHARED.refused())
                .as("requests RBAC refused: the chart's rules (templates/_helpers.tpl) lack a grant")
                .isEmpty();
        Set<String> readResources = new TreeSet<>();
        used.keySet().stream()
                .filter(OperatorPermissionsIT::isRead)
                .forEach(grant -> readResources.add(resourceOf(grant)));
        Set<String> unused = new TreeSet<>(ApiRequests.grants(ChartRbac.everyNamespace()));
        unused.removeAll(used.keySet());
        unused.removeIf(grant -> isRead(grant) && readResources.contains(resourceOf(grant)));
        unused.removeAll(NEEDED_BEYOND_THE_SUITE.keySet());
        assertThat(unused)
                .as("grants of the chart (templates/_helpers.tpl) no request of the operator needed: take them away,"
                        + " or name the code that needs them in NEEDED_BEYOND_THE_SUITE")
                .isEmpty();
    }

    private static boolean isRead(String grant) {
        return grant.startsWith("get ") || grant.startsWith("list ") || grant.startsWith("watch ");
    }

    private static String resourceOf(String grant) {
        return grant.substring(grant.indexOf(' ') + 1);
    }
}
