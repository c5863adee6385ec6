package dev.vigil.api.monitor;

import dev.vigil.common.check.CheckSpec;
import java.util.List;
import java.util.UUID;

/**
 * A validated monitor definition, ready to store (made by {@link MonitorDefinitions} from a request; the alerting
 * service reads the stored monitor as its own {@code MonitorSettings}).
 *
 * @param paused          null to leave the pause state as it is (a PUT without {@code paused})
 * @param alertChannelIds channels of the monitor's workspace, without duplicates
 * @param tagIds          tags of the monitor's workspace, without duplicates
 * @param groupId         a group of the monitor's workspace, null for none
 * @param noise           the monitor's own noise settings, never null ({@link NoiseSettings#DEPLOYMENT}: none)
 */
record MonitorDefinition(String name, CheckSpec check, int intervalSeconds, int timeoutMs,
                                List<String> regions, int confirmations, Integer degradedAboveMs, Boolean paused,
                                List<UUID> alertChannelIds, List<UUID> tagIds, UUID groupId, NoiseSettings noise) {

    MonitorDefinition {
        noise = noise == null ? NoiseSettings.DEPLOYMENT : noise;
    }
}
