package dev.cassini.devkube.image;

/**
 * An image name split the way a container runtime reads it: {@code [registry/]repository[:tag][@digest]}.
 * devkube maps the repository (registry included, tag excluded) to a launcher, and hands the tag
 * to the launcher, e.g. to pick a Cassandra version.
 */
public record ImageReference(String repository, String tag) {
    public static ImageReference parse(String image) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("empty image name");
        }
        String name = image.trim();
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        // A colon after the last slash is a tag; before it, it is a registry port (localhost:5000/x).
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        if (colon > slash) {
            return new ImageReference(name.substring(0, colon), name.substring(colon + 1));
        }
        return new ImageReference(name, "latest");
    }

    @Override
    public String toString() {
        return repository + ":" + tag;
    }
}
