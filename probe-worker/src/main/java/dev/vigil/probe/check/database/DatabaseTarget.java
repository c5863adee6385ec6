package dev.vigil.probe.check.database;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Where and how one check logs in: the vetted address (drivers are given the IP literal, so they resolve nothing
 * themselves), the opened credentials and the time left.
 *
 * @param address  the address the guard vetted
 * @param port     the server's port
 * @param database the database (SQL) or database number (Redis), or null for the server's default
 * @param username the user, or null
 * @param password the opened password, or null
 * @param deadline when the check's time is up ({@link System#nanoTime()})
 */
record DatabaseTarget(InetAddress address, int port, String database, String username, String password,
                      long deadline) {

    /** The address as a URL's host: IPv6 literals in brackets. */
    String urlHost() {
        String literal = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + literal + "]" : literal;
    }

    /** The time left, at least 1 ms. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    /** The time left in whole seconds, rounded up (for drivers that take seconds), at least 1. */
    int remainingSeconds() {
        return (int) Math.max(1, (remaining().toMillis() + 999) / 1000);
    }
}
