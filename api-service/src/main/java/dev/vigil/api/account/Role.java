package dev.vigil.api.account;

/** A member's role in a workspace. */
public enum Role {
    /** Everything, including deleting the workspace and managing owners. */
    OWNER,
    /** Everything but the workspace itself and its owners. */
    ADMIN,
    /** Read only. */
    VIEWER
}
