package dev.vigil.plugin;

/**
 * One measurement, as in Nagios performance data ({@code 'label'=value[UOM];[warn];[crit];[min];[max]}).
 *
 * @param label name of the value
 * @param value the measurement
 * @param unit  unit of measure ({@code s}, {@code ms}, {@code %}, {@code B}, {@code c}, ...) or null
 * @param warn  warning range as text, or null
 * @param crit  critical range as text, or null
 * @param min   smallest possible value, or null
 * @param max   largest possible value, or null
 */
public record PerfValue(String label, double value, String unit, String warn, String crit, Double min, Double max) {

    public static PerfValue of(String label, double value, String unit) {
        return new PerfValue(label, value, unit, null, null, null, null);
    }
}
