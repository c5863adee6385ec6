package dev.vigil.probe.check.http;

import dev.vigil.common.crypto.SealedColumns;
import dev.vigil.common.crypto.SecretBox;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Opens the sealed workspace variables a job carries, only to put them into a request. The box is the one the api
 * sealed them with (the secret keyring, {@code vigil.channel.encryption-key}); a probe not given that key runs every
 * other check and fails the steps that need a variable with a message saying so.
 */
@Component
public class WorkspaceVariables {

    private final Supplier<SecretBox> box;

    @Autowired
    public WorkspaceVariables(ObjectProvider<SecretBox> box) {
        this(box::getIfAvailable);
    }

    /** Opening with the box {@code box} supplies (null when this probe has none). */
    public WorkspaceVariables(Supplier<SecretBox> box) {
        this.box = box;
    }

    /** The value of {@code name}, or a {@link NotOpened} saying why not (never the sealed text). */
    public String open(UUID workspaceId, String name, String sealed) {
        SecretBox secrets;
        try {
            secrets = box.get();
        } catch (RuntimeException e) {
            secrets = null;
        }
        if (secrets == null) {
            throw new NotOpened("workspace variables cannot be opened in this region (no secret key configured)");
        }
        try {
            return secrets.open(sealed, SealedColumns.workspaceVariable(workspaceId, name));
        } catch (RuntimeException e) {
            throw new NotOpened("the workspace variable " + name + " could not be opened");
        }
    }

    /** Why a variable could not be used. */
    public static final class NotOpened extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotOpened(String message) {
            super(message, null, false, false);
        }
    }
}
