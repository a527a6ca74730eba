package dev.cassini.model.backup;

/**
 * How many complete backups a schedule keeps: the last {@code last} ones, plus the newest of each
 * of the last {@code daily} days, {@code weekly} ISO weeks and {@code monthly} months that had one.
 * A backup any rule keeps is kept; zero turns a rule off.
 */
public record RetentionPolicy(int last, int daily, int weekly, int monthly) {
    public RetentionPolicy {
        if (last < 0 || daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("retention counts cannot be negative");
        }
        if (last + daily + weekly + monthly == 0) {
            throw new IllegalArgumentException(
                    "a retention that keeps nothing would delete every backup; keep at least the last one");
        }
    }
}
