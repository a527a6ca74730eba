package dev.cassini.helper;

import java.util.List;

/** The management interface of {@link ReplacedAddresses}. */
public interface ReplacedAddressesMBean {
    /** Forgets every address gossip still holds for a node that now runs at another one; returns them. */
    List<String> forget();
}
