package dev.cassini.operator;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every request a client made to the API server, as the RBAC grant it needed ({@code verb
 * resource.group[/subresource]}, as {@code kubectl auth can-i} names them), and every one the
 * server refused (403). One instance is shared by the end-to-end classes of a test run, whose
 * operators all run on the chart's ServiceAccount ({@link OperatorAccount}).
 */
final class ApiRequests implements Interceptor {
    static final ApiRequests SHARED = new ApiRequests();

    private final Map<String, Integer> used = new ConcurrentHashMap<>();
    private final List<String> refused = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> finishedSuites = ConcurrentHashMap.newKeySet();

    /** The grant a request of {@code verb} on {@code resource} (with its subresource) of {@code group} needs. */
    static String grant(String verb, String group, String resource) {
        String[] parts = resource.split("/", 2);
        return verb + " " + parts[0] + (group.isEmpty() ? "" : "." + group) + (parts.length > 1 ? "/" + parts[1] : "");
    }

    /** Every grant of these rules, as {@code verb resource.group[/subresource]}. */
    static Set<String> grants(List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> rules) {
        Set<String> grants = new TreeSet<>();
        for (var rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add(grant(verb, group, resource));
                    }
                }
            }
        }
        return grants;
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        grantOf(request.method(), request.uri()).ifPresent(grant -> {
            used.merge(grant, 1, Integer::sum);
            if (grant.startsWith("patch ") && isApply(contentType(request))) {
                // a server-side apply creates what does not exist yet, and the API server then also
                // checks create; the client cannot tell which applies created
                used.merge(grant.replaceFirst("^patch ", "create "), 1, Integer::sum);
            }
            if (response.code() == 403) {
                refused.add(
                        grant + " (" + request.method() + " " + request.uri().getRawPath() + ")");
            }
        });
    }

    /** The body's type, which fabric8 keeps apart from the headers it sends. */
    private static String contentType(HttpRequest request) {
        return request instanceof io.fabric8.kubernetes.client.http.StandardHttpRequest standard
                ? standard.getContentType()
                : request.header("Content-Type");
    }

    static boolean isApply(String contentType) {
        return contentType != null && contentType.startsWith("application/apply-patch");
    }

    /** The grant a request needs; empty for paths that are no resource (discovery, version). */
    static Optional<String> grantOf(String method, URI uri) {
        List<String> segments =
                new ArrayList<>(List.of(uri.getRawPath().replaceFirst("^/", "").split("/")));
        String group;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            segments = segments.subList(2, segments.size());
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            segments = segments.subList(3, segments.size());
        } else {
            return Optional.empty();
        }
        if (segments.size() >= 3 && segments.get(0).equals("namespaces")) {
            segments = segments.subList(2, segments.size());
        }
        String resource = segments.get(0);
        boolean named = segments.size() >= 2;
        if (segments.size() >= 3) {
            resource += "/" + segments.get(2);
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.matches("(.*&)?watch=(true|1)(&.*)?") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(grant(verb, group, resource));
    }

    /** How often each grant was needed. */
    Map<String, Integer> used() {
        return new TreeMap<>(used);
    }

    /** The requests refused for want of a grant. */
    List<String> refused() {
        synchronized (refused) {
            return List.copyOf(refused);
        }
    }

    /** An end-to-end class ran to its end with its operator on the recorded client. */
    void finished(Class<?> suite) {
        finishedSuites.add(suite.getSimpleName());
    }

    Set<String> finishedSuites() {
        return new TreeSet<>(finishedSuites);
    }
}
