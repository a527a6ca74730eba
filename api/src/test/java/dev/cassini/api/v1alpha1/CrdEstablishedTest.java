package dev.cassini.api.v1alpha1;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import org.junit.jupiter.api.Test;

class CrdEstablishedTest {

    private static CustomResourceDefinition withCondition(String type, String status) {
        return new CustomResourceDefinitionBuilder()
                .withNewStatus()
                .withConditions(new CustomResourceDefinitionConditionBuilder()
                        .withType(type)
                        .withStatus(status)
                        .build())
                .endStatus()
                .build();
    }

    @Test
    void notEstablishedWhileTheServerHasNotWrittenAnyCondition() {
        assertFalse(CrdEstablished.test(null));
        assertFalse(CrdEstablished.test(new CustomResourceDefinition()));
        CustomResourceDefinition noConditions = new CustomResourceDefinition();
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        status.setConditions(null);
        noConditions.setStatus(status);
        assertFalse(CrdEstablished.test(noConditions));
    }

    @Test
    void establishedOnlyByAnEstablishedConditionThatIsTrue() {
        assertFalse(CrdEstablished.test(withCondition("NamesAccepted", "True")));
        assertFalse(CrdEstablished.test(withCondition("Established", "False")));
        assertTrue(CrdEstablished.test(withCondition("Established", "True")));
    }
}
