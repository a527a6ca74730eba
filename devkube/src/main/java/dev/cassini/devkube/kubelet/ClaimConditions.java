package dev.cassini.devkube.kubelet;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A claim's status conditions with one set or taken away, as the resizer and the kubelet move a resize along. */
final class ClaimConditions {
    private ClaimConditions() {}

    static List<PersistentVolumeClaimCondition> with(
            List<PersistentVolumeClaimCondition> conditions, String type, String message) {
        List<PersistentVolumeClaimCondition> result = without(conditions, type);
        result.add(new PersistentVolumeClaimConditionBuilder()
                .withType(type)
                .withStatus("True")
                .withMessage(message)
                .withLastTransitionTime(Instant.now().toString())
                .build());
        return result;
    }

    static List<PersistentVolumeClaimCondition> without(List<PersistentVolumeClaimCondition> conditions, String type) {
        List<PersistentVolumeClaimCondition> result = new ArrayList<>();
        if (conditions != null) {
            conditions.stream().filter(c -> !type.equals(c.getType())).forEach(result::add);
        }
        return result;
    }
}
