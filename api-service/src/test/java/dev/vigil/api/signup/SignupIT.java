package dev.vigil.api.signup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.support.ApiClient;
import dev.vigil.api.support.ApiServiceTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Autowired;

@ApiServiceTest
class SignupIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void signupCreatesAWorkspaceAndAKeyThatWorks() {
        ApiClient api = new ApiClient(port);
        String email = "ann-" + UUID.randomUUID() + "@example.com";

        ApiClient.Response response = api.post("/api/v1/signup",
                Map.of("email", email, "password", "correct horse battery", "workspace", "Ann's"));

        assertThat(response.status()).isEqualTo(201);
        String key = response.json().get("apiKey").asString();
        assertThat(key).startsWith("vgl_");
        assertThat(response.json().get("workspaceId").asString()).isNotBlank();
        assertThat(api.withKey(key).get("/api/v1/regions").status()).isEqualTo(200);
    }

    @Test
    void passwordsAndKeysAreStoredOnlyAsHashes() {
        ApiClient api = new ApiClient(port);
        String email = "bob-" + UUID.randomUUID() + "@example.com";
        String key = api.post("/api/v1/signup", Map.of("email", email, "password", "correct horse battery",
                "workspace", "Bob's")).json().get("apiKey").asString();

        String hash = jdbc.sql("SELECT password_hash FROM users WHERE email = ?").param(email).query(String.class)
                .single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct horse battery");
        String prefix = jdbc.sql("SELECT k.prefix FROM api_keys k JOIN users u ON u.id = k.created_by "
                + "WHERE u.email = ?").param(email).query(String.class).single();
        assertThat(key).startsWith(prefix);
        assertThat(prefix).hasSize(12);
    }

    @Test
    void aSecondSignupWithTheSameEmailIsAConflictWhateverItsCase() {
        ApiClient api = new ApiClient(port);
        String email = "carol-" + UUID.randomUUID() + "@example.com";
        api.post("/api/v1/signup", Map.of("email", email, "password", "correct horse battery", "workspace", "C"));

        ApiClient.Response again = api.post("/api/v1/signup", Map.of("email", email.toUpperCase(),
                "password", "another good password", "workspace", "C2"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.isProblem()).isTrue();
    }

    @Test
    void aShortPasswordIsRefusedNamingTheField() {
        ApiClient.Response response = new ApiClient(port).post("/api/v1/signup",
                Map.of("email", "dan@example.com", "password", "short", "workspace", "D"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
    }

    @Test
    void unknownFieldsAndMalformedJsonAreRefusedAsProblems() {
        ApiClient api = new ApiClient(port);

        ApiClient.Response unknown = api.post("/api/v1/signup", Map.of("email", "e@example.com",
                "password", "correct horse battery", "workspace", "E", "admin", true));
        ApiClient.Response malformed = api.postRaw("/api/v1/signup", "{\"email\": ");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("errors").get(0).get("message").asString()).contains("admin");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
    }

    @Test
    void theApiNeedsAValidKey() {
        ApiClient anonymous = new ApiClient(port);

        ApiClient.Response none = anonymous.get("/api/v1/monitors");
        ApiClient.Response wrong = anonymous.withKey("vgl_" + "x".repeat(32)).get("/api/v1/monitors");
        ApiClient.Response garbage = anonymous.withKey("not-a-key").get("/api/v1/monitors");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.isProblem()).isTrue();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(garbage.status()).isEqualTo(401);
    }
}
