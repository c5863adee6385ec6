package dev.vigil.common.message;

/**
 * One performance value reported by a Nagios-compatible plugin: {@code 'label'=value[UOM];[warn];[crit];[min];[max]}.
 * Warning and critical are kept as the plugin wrote them (they are ranges such as {@code @10:20}).
 */
public record PerfDatum(String label, double value, String unit, String warn, String crit, Double min, Double max) {
}
