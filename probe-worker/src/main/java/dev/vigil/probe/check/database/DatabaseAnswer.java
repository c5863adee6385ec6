package dev.vigil.probe.check.database;

/**
 * What a server said.
 *
 * @param server  the server's product and version as it reports them (or "Redis")
 * @param loginMs time to connect and log in
 * @param queryMs time the query took, null when none ran
 * @param value   the first value of the answer (first column of the first row; the Redis reply), null for none
 */
record DatabaseAnswer(String server, long loginMs, Long queryMs, String value) {
}
