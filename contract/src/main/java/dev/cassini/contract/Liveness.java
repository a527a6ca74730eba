package dev.cassini.contract;

/** {@code GET /healthz/live}: the agent answers, so it is alive. */
public record Liveness(String status) {
    public static final Liveness OK = new Liveness("ok");
}
