package dev.cassini.cli;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest; "development" when run from classes. */
public final class CassiniVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = CassiniVersion.class.getPackage().getImplementationVersion();
        return new String[] {"cassini " + (version == null ? "development" : version)};
    }
}
