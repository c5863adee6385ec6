package dev.vigil.api.identity;

/**
 * A member's role in a workspace, and the role an API key acts with. Declared from most to least privileged.
 */
public enum Role {
    /** Everything, including renaming the workspace and managing owners. */
    OWNER,
    /** Everything but the workspace itself and its owners: monitors, channels, keys, members below owner. */
    ADMIN,
    /** Read only: every GET, no change. */
    VIEWER;

    /** Whether this role has at least the privileges of {@code other}. */
    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** Whether this role may change anything in the workspace. */
    public boolean canWrite() {
        return atLeast(ADMIN);
    }

    /** The role of this exact name, or null. */
    public static Role fromName(String name) {
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        return null;
    }

    /** The less privileged of two roles: what a key acts with, given its own role and its creator's. */
    public static Role lesser(Role a, Role b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
