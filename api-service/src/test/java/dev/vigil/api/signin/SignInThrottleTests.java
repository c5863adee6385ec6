package dev.vigil.api.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.verification.AccountProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

    private final SignInThrottle throttle = new SignInThrottle(null, new AccountProperties("a@vigil.test",
            Duration.ofHours(24), Duration.ofHours(1), 5, Duration.ofSeconds(30), Duration.ofMinutes(15)));

    @Test
    void theFirstFailuresAreFreeThenTheLockDoublesUpToTheCap() {
        assertThat(throttle.lockoutAfter(4)).isZero();
        assertThat(throttle.lockoutAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.lockoutAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.lockoutAfter(7)).isEqualTo(Duration.ofSeconds(120));
        assertThat(throttle.lockoutAfter(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lockoutAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(15));
    }
}
