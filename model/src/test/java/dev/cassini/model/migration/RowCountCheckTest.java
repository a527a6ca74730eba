package dev.cassini.model.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowCountCheckTest {
    private static final String NTS = "org.apache.cassandra.locator.NetworkTopologyStrategy";

    @Test
    void theRangesCoverEveryTokenOnceInOrder() {
        for (int n : new int[] {1, 2, 3, 16, 1000}) {
            List<RowCountCheck.Range> ranges = RowCountCheck.split(n);
            assertThat(ranges).hasSize(n);
            assertThat(ranges.get(0).start()).isEqualTo(Long.MIN_VALUE);
            assertThat(ranges.get(n - 1).end()).isEqualTo(Long.MAX_VALUE);
            for (int i = 0; i < n; i++) {
                assertThat(ranges.get(i).end()).isGreaterThan(ranges.get(i).start());
                if (i > 0) {
                    assertThat(ranges.get(i).start())
                            .isEqualTo(ranges.get(i - 1).end());
                }
            }
        }
        assertThat(RowCountCheck.split(2).get(0).end()).isEqualTo(-1L);
        assertThatThrownBy(() -> RowCountCheck.split(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyApplicationKeyspacesReplicatedToBothAreCompared() {
        Map<String, Map<String, String>> keyspaces = Map.of(
                "shop", Map.of("class", NTS, "legacy", "3", "k8s", "3"),
                "old", Map.of("class", NTS, "legacy", "3"),
                "off", Map.of("class", NTS, "legacy", "3", "k8s", "0"),
                "system_auth", Map.of("class", NTS, "legacy", "3", "k8s", "3"),
                "audit", Map.of("class", NTS, "legacy", "1", "k8s", "1"));
        assertThat(RowCountCheck.comparable(keyspaces, "legacy", "k8s")).containsExactly("audit", "shop");
    }

    @Test
    void rangesWhoseCountsDifferAreNamed() {
        List<RowCountCheck.Range> ranges = RowCountCheck.split(3);
        RowCountCheck.TableCounts counts =
                new RowCountCheck.TableCounts("shop.orders", ranges, List.of(5L, 7L, 0L), List.of(5L, 6L, 0L));
        assertThat(counts.totalA()).isEqualTo(12);
        assertThat(counts.totalB()).isEqualTo(11);
        assertThat(counts.differing()).containsExactly(ranges.get(1));
    }
}
