package dev.vigil.common.check;

/** The kinds of monitor Vigil runs. HEARTBEAT is never probed: the monitored job calls Vigil instead. */
public enum MonitorType {
    HTTP, TCP, DNS, TLS, HEARTBEAT, PLUGIN
}
