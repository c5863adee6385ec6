package dev.vigil.api.signup;

import java.util.UUID;

/** The new workspace and its first API key (shown this once). */
public record SignupResponse(UUID workspaceId, String apiKey) {
}
