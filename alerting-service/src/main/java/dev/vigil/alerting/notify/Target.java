package dev.vigil.alerting.notify;

import java.util.UUID;

/** Where one delivery goes: a channel, or one person's email address (the on-call member of an escalation level). */
record Target(UUID channelId, String recipient) {

    static Target channel(UUID id) {
        return new Target(id, null);
    }

    static Target person(String email) {
        return new Target(null, email);
    }
}
