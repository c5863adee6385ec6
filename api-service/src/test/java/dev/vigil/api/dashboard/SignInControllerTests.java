package dev.vigil.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInControllerTests {

    @Test
    void onlyPathsOfThisSiteAreFollowedAfterSignIn() {
        assertThat(SignInController.safeNext("/invitation?token=vgi_abc")).isEqualTo("/invitation?token=vgi_abc");
        assertThat(SignInController.safeNext("/app/monitors")).isEqualTo("/app/monitors");
        assertThat(SignInController.safeNext("https://evil.example/")).isEmpty();
        assertThat(SignInController.safeNext("//evil.example/")).isEmpty();
        assertThat(SignInController.safeNext("/\\evil.example/")).isEmpty();
        assertThat(SignInController.safeNext("/\t/evil.example/")).isEmpty();
        assertThat(SignInController.safeNext("")).isEmpty();
        assertThat(SignInController.safeNext(null)).isEmpty();
    }
}
