package dev.cassini.contract;

/**
 * A range of the Murmur3 token ring as Cassandra defines one: from {@code start} exclusive to
 * {@code end} inclusive, wrapping past the largest token when {@code end <= start}. Tokens are
 * decimal strings, as everywhere in the contract.
 */
public record TokenRange(String start, String end) {
    /** As Cassandra's repair option {@code ranges} spells one range. */
    public String asRepairOption() {
        return start + ":" + end;
    }
}
