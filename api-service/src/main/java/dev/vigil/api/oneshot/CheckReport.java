package dev.vigil.api.oneshot;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a one-shot check or a "run now": one entry per region asked, in the order asked.
 *
 * @param checkId   the one-shot check's id (null for "run now")
 * @param monitorId the monitor run now (null for a one-shot check)
 * @param type      the check's type
 * @param complete  whether every region answered within the wait
 * @param stored    whether the results were kept: true for "run now" (in the monitor's results, kind ON_DEMAND),
 *                  false for a one-shot check (kept nowhere once answered)
 * @param regions   each region's answer
 */
public record CheckReport(UUID checkId, UUID monitorId, String type, boolean complete, boolean stored,
                          List<RegionAnswer> regions) {
}
