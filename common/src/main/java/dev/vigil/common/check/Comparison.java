package dev.vigil.common.check;

/** How an inspected value is compared with an assertion's target. */
public enum Comparison {
    EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS, MATCHES, LESS_THAN, GREATER_THAN;

    /** Whether the comparison treats both sides as numbers. */
    public boolean isNumeric() {
        return this == LESS_THAN || this == GREATER_THAN;
    }
}
