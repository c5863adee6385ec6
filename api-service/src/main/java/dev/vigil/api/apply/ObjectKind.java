package dev.vigil.api.apply;

/** The kinds of object a document declares, with the document section and table of each. */
enum ObjectKind {

    ALERT_CHANNEL("alertChannels", "alertChannel", "alert_channels"),
    MONITOR("monitors", "monitor", "monitors"),
    STATUS_PAGE("statusPages", "statusPage", "status_pages"),
    MAINTENANCE("maintenanceWindows", "maintenanceWindow", "maintenance_windows");

    final String section;
    final String singular;
    final String table;

    ObjectKind(String section, String singular, String table) {
        this.section = section;
        this.singular = singular;
        this.table = table;
    }
}
