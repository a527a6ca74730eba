package dev.cassini.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cassini.contract.NodeDefaults;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The CRD refuses the heaps the node agent would refuse at start, with the agent's own bounds. What
 * the API server makes of the rules is checked against a real one in {@link CrdValidationIT}.
 */
class HeapRuleTest {

    @Test
    void theBoundsAreTheContractsAndTheMessageNamesThem() {
        assertThat(DatacenterSpec.HEAP_BOUNDS_RULE)
                .contains(">= " + NodeDefaults.MIN_HEAP_MEGABYTES, "<= " + NodeDefaults.MAX_HEAP_MEGABYTES);
        assertThat(DatacenterSpec.HEAP_BOUNDS_MESSAGE).isEqualTo("heap must be from 256M to 64G, e.g. 512M or 2G");
        // The message speaks in the units users write; they must say the same as the megabyte bounds.
        assertThat(megabytes(NodeDefaults.MIN_HEAP)).isEqualTo(NodeDefaults.MIN_HEAP_MEGABYTES);
        assertThat(megabytes(NodeDefaults.MAX_HEAP)).isEqualTo(NodeDefaults.MAX_HEAP_MEGABYTES);
        assertThat(NodeDefaults.HEAP_MEGABYTES)
                .isBetween(NodeDefaults.MIN_HEAP_MEGABYTES, NodeDefaults.MAX_HEAP_MEGABYTES);
    }

    @Test
    void aMalformedOrOverlongHeapGetsOnlyItsOwnMessage() {
        // CEL evaluates every rule; the bounds rule passes what the format rule or maxLength refuses.
        assertThat(DatacenterSpec.HEAP_BOUNDS_RULE)
                .startsWith("!" + DatacenterSpec.HEAP_FORMAT_RULE + " || self.size() > "
                        + DatacenterSpec.HEAP_MAX_LENGTH + " || (");
    }

    @Test
    void theLargestHeapTheLengthLimitLetsThroughFitsACelInt() {
        // 7 digits and G: the rule multiplies by 1024 in a 64-bit int, which must not overflow.
        BigInteger largest =
                new BigInteger("9".repeat(DatacenterSpec.HEAP_MAX_LENGTH - 1)).multiply(BigInteger.valueOf(1024));
        assertThat(largest).isLessThan(BigInteger.valueOf(Long.MAX_VALUE));
    }

    @Test
    void theCommittedCrdCarriesTheFormatRuleThenTheBoundsRule() throws IOException {
        CustomResourceDefinition crd =
                Serialization.unmarshal(Files.readString(CrdFiles.committed()), CustomResourceDefinition.class);
        JSONSchemaProps heap = crd.getSpec()
                .getVersions()
                .get(0)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("spec")
                .getProperties()
                .get("datacenters")
                .getItems()
                .getSchema()
                .getProperties()
                .get("heap");

        assertThat(heap.getMaxLength()).isEqualTo((long) DatacenterSpec.HEAP_MAX_LENGTH);
        assertThat(heap.getDescription()).isEqualTo("Java heap from 256M to 64G, e.g. 512M or 2G.");
        assertThat(heap.getXKubernetesValidations())
                .extracting(ValidationRule::getRule, ValidationRule::getMessage)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                DatacenterSpec.HEAP_FORMAT_RULE, DatacenterSpec.HEAP_FORMAT_MESSAGE),
                        org.assertj.core.groups.Tuple.tuple(
                                DatacenterSpec.HEAP_BOUNDS_RULE, DatacenterSpec.HEAP_BOUNDS_MESSAGE));
    }

    private static int megabytes(String heap) {
        int number = Integer.parseInt(heap.substring(0, heap.length() - 1));
        return heap.endsWith("G") ? number * 1024 : number;
    }
}
