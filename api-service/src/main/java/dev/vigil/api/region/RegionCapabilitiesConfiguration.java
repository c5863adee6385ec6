package dev.vigil.api.region;

import dev.vigil.common.fleet.RegionCapabilities;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What each region's live probes run (their heartbeats), read at most every few seconds. */
@Configuration(proxyBeanMethods = false)
class RegionCapabilitiesConfiguration {

    @Bean
    Supplier<RegionCapabilities> regionCapabilities(JdbcClient jdbc, Clock clock) {
        RegionCapabilities.Cache cache = new RegionCapabilities.Cache(() -> RegionCapabilities.ofRows(
                jdbc.sql(RegionCapabilities.QUERY).query((rs, n) -> RegionCapabilities.row(rs)).list()),
                clock, Duration.ofSeconds(5));
        return cache::current;
    }
}
