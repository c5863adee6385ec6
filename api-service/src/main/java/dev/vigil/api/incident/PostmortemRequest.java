package dev.vigil.api.incident;

/** A postmortem as its author saves it: Markdown {@code body}, and whether status pages show it. */
public record PostmortemRequest(String body, Boolean published) {
}
