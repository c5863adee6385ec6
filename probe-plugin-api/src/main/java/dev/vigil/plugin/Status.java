package dev.vigil.plugin;

/** The outcome of a plugin check, with the meaning of the Nagios plugin exit codes 0 to 3. */
public enum Status {
    /** Up. */
    OK,
    /** Up but worth a look: the monitor shows DEGRADED. */
    WARNING,
    /** Down. */
    CRITICAL,
    /** The check could not tell (bad arguments, the plugin failed): counted as down. */
    UNKNOWN
}
