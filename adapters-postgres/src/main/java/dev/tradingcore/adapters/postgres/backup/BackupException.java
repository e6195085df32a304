package dev.tradingcore.adapters.postgres.backup;

import java.util.Objects;

/**
 * A backup, verification or restore that could not be done; the message is written for the operator (what went
 * wrong, what was left untouched, what to do), the reason for the command's exit status.
 */
public final class BackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why it failed, one per distinct action the operator takes. */
    public enum Reason {
        /** pg_dump / pg_restore not found anywhere we looked. */
        TOOL_MISSING,
        /** Client tools found, but none of the server's major version. */
        VERSION_MISMATCH,
        /** The dump does not match its manifest, has no manifest, or cannot be read: nothing was restored. */
        DAMAGED_DUMP,
        /** The target database exists (or is in use) and the operator did not ask to replace it: nothing changed. */
        REFUSED,
        /** The tool or the database failed while working; what was done is undone. */
        FAILED
    }

    private final Reason reason;

    public BackupException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public BackupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
