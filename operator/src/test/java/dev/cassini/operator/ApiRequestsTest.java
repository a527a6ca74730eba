package dev.cassini.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiRequestsTest {
    private static String grant(String method, String path) {
        return ApiRequests.grantOf(method, URI.create("https://127.0.0.1:6443" + path))
                .orElse("none");
    }

    @Test
    void eachRequestNeedsTheGrantKubectlAuthCanINamesForIt() {
        assertThat(grant("GET", "/api/v1/namespaces/shop/pods/demo-dc1-r1-0")).isEqualTo("get pods");
        assertThat(grant("GET", "/api/v1/pods?fieldSelector=status.podIP%3D10.0.0.1"))
                .isEqualTo("list pods");
        assertThat(grant("GET", "/api/v1/namespaces/shop/pods?watch=true&resourceVersion=5"))
                .isEqualTo("watch pods");
        assertThat(grant("GET", "/api/v1/namespaces/shop/pods?resourceVersion=5&watch=1"))
                .isEqualTo("watch pods");
        assertThat(grant("GET", "/api/v1/namespaces/shop/pods?allowWatchBookmarks=true"))
                .isEqualTo("list pods");
        assertThat(grant("PATCH", "/apis/apps/v1/namespaces/shop/statefulsets/demo-dc1-r1"))
                .isEqualTo("patch statefulsets.apps");
        assertThat(grant("PUT", "/apis/cassini.dev/v1alpha1/namespaces/shop/cassandraclusters/demo/status"))
                .isEqualTo("update cassandraclusters.cassini.dev/status");
        assertThat(grant("POST", "/api/v1/namespaces/shop/events")).isEqualTo("create events");
        assertThat(grant("DELETE", "/api/v1/namespaces/shop/persistentvolumeclaims/data-0"))
                .isEqualTo("delete persistentvolumeclaims");
        assertThat(grant("DELETE", "/api/v1/namespaces/shop/pods")).isEqualTo("deletecollection pods");
        assertThat(grant("GET", "/apis/storage.k8s.io/v1/storageclasses/standard"))
                .isEqualTo("get storageclasses.storage.k8s.io");
        assertThat(grant("GET", "/api/v1/namespaces/shop")).isEqualTo("get namespaces");
        assertThat(grant("GET", "/version")).isEqualTo("none");
        assertThat(grant("GET", "/apis")).isEqualTo("none");
        assertThat(grant("GET", "/apis/apps/v1")).isEqualTo("none");
    }

    @Test
    void theChartsRulesReadAsGrants() {
        assertThat(ApiRequests.grants(ChartRbac.everyNamespace()))
                .contains(
                        "watch pods",
                        "patch cassandraclusters.cassini.dev/status",
                        "create events",
                        "get storageclasses.storage.k8s.io",
                        "get customresourcedefinitions.apiextensions.k8s.io")
                .doesNotContain("create pods", "list nodes", "update cassandraclusters.cassini.dev/status");
    }

    @Test
    void aServerSideApplyIsToldFromOtherPatches() {
        assertThat(ApiRequests.isApply("application/apply-patch+yaml")).isTrue();
        assertThat(ApiRequests.isApply("application/merge-patch+json")).isFalse();
        assertThat(ApiRequests.isApply("application/json-patch+json")).isFalse();
        assertThat(ApiRequests.isApply(null)).isFalse();
    }
}
