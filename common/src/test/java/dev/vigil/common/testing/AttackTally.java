package dev.vigil.common.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts the attacks a hostile-tenant suite performs and how many were refused, and prints one summary line
 * ({@code hostile-tenant attacks [suite]: tried=N refused=N}) that the suite's output can be searched for.
 */
public final class AttackTally {

    private final String suite;
    private final List<String> tried = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    public AttackTally(String suite) {
        this.suite = suite;
    }

    /** Records one attack and whether it was refused; answers {@code refused} for use in an assertion. */
    public synchronized boolean record(String attack, boolean wasRefused) {
        tried.add(attack);
        if (wasRefused) {
            refused.add(attack);
        }
        System.out.println("hostile-tenant attack [" + suite + "] " + attack + ": "
                + (wasRefused ? "refused" : "NOT REFUSED"));
        return wasRefused;
    }

    public synchronized int tried() {
        return tried.size();
    }

    public synchronized int refused() {
        return refused.size();
    }

    /** Prints the summary line and answers it. */
    public synchronized String printSummary() {
        String line = "hostile-tenant attacks [" + suite + "]: tried=" + tried.size() + " refused=" + refused.size();
        System.out.println(line);
        return line;
    }
}
