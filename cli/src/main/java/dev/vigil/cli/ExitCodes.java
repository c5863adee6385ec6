package dev.vigil.cli;

/** What {@code vigil} exits with, so scripts and CI can tell failures apart (also in {@code vigil --help}). */
public final class ExitCodes {

    public static final int OK = 0;
    /** An unexpected failure: the API could not be reached, answered 5xx, or something broke. */
    public static final int ERROR = 1;
    /** The command line itself is wrong (picocli's own code). */
    public static final int USAGE = 2;
    /** No API key, or the API refused it (401). */
    public static final int UNAUTHENTICATED = 3;
    /** The monitor (or other object) does not exist in this workspace (404). */
    public static final int NOT_FOUND = 4;
    /** The input is invalid: the API answered 400, or a file or environment variable it names is wrong. */
    public static final int INVALID = 5;
    /** The key may not do this: a VIEWER key writing (403). */
    public static final int FORBIDDEN = 6;
    /** The change conflicts with the workspace: a quota, a slug taken (409). */
    public static final int CONFLICT = 7;
    /** {@code plan --detailed-exitcode}: the plan has changes. */
    public static final int CHANGES_PENDING = 8;
    /** {@code check}: a region saw the target down, or did not answer. */
    public static final int CHECK_FAILED = 9;

    static final String[] HELP = {"Exit codes:",
            "  0 ok                 1 error (API unreachable, 5xx)      2 usage",
            "  3 not logged in, or the key was refused                  4 not found",
            "  5 invalid input (400, a bad file, an unset environment variable)",
            "  6 forbidden (a viewer key writing)   7 conflict (quota, slug taken)",
            "  8 plan --detailed-exitcode: the plan has changes",
            "  9 check: a region saw the target down or did not answer"};

    private ExitCodes() {
    }

    static int forStatus(int status) {
        return switch (status) {
            case 400, 413, 422 -> INVALID;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            default -> ERROR;
        };
    }
}
