package dev.cassini.api.v1alpha1;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import java.util.List;

/** Whether the API server has established a CustomResourceDefinition, i.e. begun to serve its resources. */
public final class CrdEstablished {
    private CrdEstablished() {}

    /**
     * A freshly created CRD is first seen with a status but no conditions yet (the API server fills them a
     * moment later), so every level may be missing.
     */
    public static boolean test(CustomResourceDefinition crd) {
        if (crd == null || crd.getStatus() == null) {
            return false;
        }
        List<CustomResourceDefinitionCondition> conditions = crd.getStatus().getConditions();
        return conditions != null
                && conditions.stream().anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
