package dev.vigil.plugin;

/**
 * A check type added to the probe by a plugin jar. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.vigil.plugin.CheckExecutor} of the jar and drop the jar (with any
 * libraries it needs, as further jars) into the probe's plugin folder ({@code vigil.probe.java-plugin-dir}). A
 * {@code PLUGIN} monitor names the executor's {@link #type()} in its {@code plugin} field and passes its
 * {@code args}.
 *
 * <p>Rules for implementations:
 * <ul>
 *   <li>Have a public no-argument constructor; one instance serves every check, from many threads at once.</li>
 *   <li>Finish within {@link CheckRequest#timeout()}; the probe stops waiting then and reports a timeout.</li>
 *   <li>Reach the network only through {@link CheckRequest#network()}, which refuses addresses this deployment
 *       may not reach (cloud metadata, private networks in SaaS mode).</li>
 *   <li>Report the target's failures as a {@link CheckReport} (CRITICAL, with a message); an exception means the
 *       plugin itself failed and is reported as UNKNOWN.</li>
 * </ul>
 */
public interface CheckExecutor {

    /** The name monitors use, e.g. {@code banner}: letters, digits, '.', '_' or '-'. */
    String type();

    /** One line for people choosing a plugin ({@code GET /api/v1/plugins}). */
    default String description() {
        return "";
    }

    CheckReport execute(CheckRequest request) throws Exception;
}
