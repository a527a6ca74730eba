package dev.cassini.operator;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Patches a job resource's status and puts the result in the informer's cache at once.
 *
 * <p>A status patched through {@code UpdateControl.patchStatus} reaches the cache only with its
 * watch event, so a reconcile triggered before that (a spec patch such as {@code suspend}, a
 * reschedule falling due) reads the status from before the patch. For a job resource that is a
 * step it does not know it took: the repair reconciler started a segment whose session it had just
 * started, which the suspend test caught as one repair session more than segments done.
 *
 * <p>The patch is a server-side apply by the controller's field manager, as {@code patchStatus}
 * made it, so a field the status no longer has (the running sessions once a repair is done) is
 * removed; a merge patch would leave it.
 */
final class CachedStatusPatch {
    private CachedStatusPatch() {}

    static <S, P extends CustomResource<?, S>> void patch(P resource, Context<P> context) {
        P applied = emptyLike(resource);
        applied.setStatus(resource.getStatus());
        PrimaryUpdateAndCacheUtils.ssaPatchStatusAndCacheResource(resource, applied, context);
    }

    /** Only name and namespace: an apply names just the fields it owns. */
    @SuppressWarnings("unchecked")
    private static <P extends CustomResource<?, ?>> P emptyLike(P resource) {
        try {
            P empty = (P) resource.getClass().getDeclaredConstructor().newInstance();
            ObjectMeta metadata = new ObjectMeta();
            metadata.setName(resource.getMetadata().getName());
            metadata.setNamespace(resource.getMetadata().getNamespace());
            empty.setMetadata(metadata);
            return empty;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create an empty " + resource.getKind(), e);
        }
    }
}
