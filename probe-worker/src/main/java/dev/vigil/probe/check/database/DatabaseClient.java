package dev.vigil.probe.check.database;

import dev.vigil.common.check.DatabaseEngine;

/** Logs in to one kind of server and runs the check's query; a refusal by the server is an exception to classify. */
interface DatabaseClient {

    DatabaseEngine engine();

    /**
     * Connects, logs in and runs {@code query} (already checked to be read-only), all before the target's deadline.
     *
     * @param query the statement or command, or null to only log in (Redis: PING)
     */
    DatabaseAnswer probe(DatabaseTarget target, String query) throws Exception;
}
