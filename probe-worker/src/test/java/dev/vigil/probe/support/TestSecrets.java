package dev.vigil.probe.support;

import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import dev.vigil.common.message.CheckJob;
import dev.vigil.probe.check.http.WorkspaceVariables;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Workspace variables sealed as the api seals them, and the probe's side that opens them, for check tests. */
public final class TestSecrets {

    private final SecretBox box;

    public TestSecrets() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.box = SecretBox.ofBase64Key(Base64.getEncoder().encodeToString(key));
    }

    public WorkspaceVariables variables() {
        return new WorkspaceVariables(() -> box);
    }

    /** {@code job} carrying the given variables (name, value, name, value, ...) sealed for its workspace. */
    public CheckJob with(CheckJob job, String... namesAndValues) {
        Map<String, String> sealed = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            sealed.put(namesAndValues[i], box.seal(namesAndValues[i + 1],
                    SealedColumns.workspaceVariable(job.workspaceId(), namesAndValues[i])));
        }
        return job.withVariables(sealed);
    }
}
