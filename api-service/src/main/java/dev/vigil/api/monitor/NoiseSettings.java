package dev.vigil.api.monitor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A probed monitor's alert noise settings (issue 19). Each one left out (null) is the deployment's
 * ({@code vigil.evaluation.*} of the alerting service: by default a failure counts at once, one passing round
 * recovers, flapping at 4 up/down changes within 30 minutes), so a deployment's later change of a default reaches
 * every monitor that did not choose its own.
 *
 * @param failuresInRow    failed checks in a row in a region before that region counts as failing
 * @param recoveryRounds   passing rounds in a row before a DOWN monitor is UP again and its incident resolves
 * @param flapDetection    whether flapping is detected
 * @param flapTransitions  up/down changes within {@code flapWindowRounds} that make the monitor flapping
 * @param flapWindowRounds how many of the latest rounds the changes are counted in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Alert noise settings of a probed monitor; a field left out is the deployment's default. See "
        + "docs/api.md, Noise settings.")
public record NoiseSettings(
        @Schema(description = "Failed checks in a row in a region before that region counts as failing (1 to 10; "
                + "deployment default 1: at once)", example = "3") Integer failuresInRow,
        @Schema(description = "Passing rounds in a row before a DOWN monitor is UP again and its incident resolves "
                + "(1 to 10; deployment default 1)", example = "2") Integer recoveryRounds,
        @Schema(description = "Detect flapping (deployment default true)") Boolean flapDetection,
        @Schema(description = "Up/down changes within flapWindowRounds that make the monitor FLAPPING (2 to 50, at "
                + "most flapWindowRounds; deployment default 4)", example = "4") Integer flapTransitions,
        @Schema(description = "The latest rounds the changes are counted in (2 to 200; deployment default: 30 "
                + "minutes' worth)", example = "20") Integer flapWindowRounds) {

    static final int MAX_FAILURES_IN_ROW = 10;
    static final int MAX_RECOVERY_ROUNDS = 10;
    static final int MIN_FLAP_TRANSITIONS = 2;
    static final int MAX_FLAP_TRANSITIONS = 50;
    static final int MIN_FLAP_WINDOW_ROUNDS = 2;
    static final int MAX_FLAP_WINDOW_ROUNDS = 200;

    /** Every setting the deployment's. */
    public static final NoiseSettings DEPLOYMENT = new NoiseSettings(null, null, null, null, null);

    /** Whether every setting is the deployment's (the API then leaves {@code noise} out). */
    @JsonIgnore
    public boolean isDeployment() {
        return equals(DEPLOYMENT);
    }
}
