package org.smmubench.hw;

/** Told about every command the SMMU consumes, and about each CMD_SYNC completion. */
public interface CommandListener {
    /** A command was consumed (or rejected: then {@link Command#error()} is non-zero). */
    void onCommand(Command c);

    /**
     * A CMD_SYNC completed: every invalidation consumed before it has now taken effect.
     * Called after {@link #onCommand} for the same CMD_SYNC.
     */
    default void onSyncComplete(Command sync) {
    }
}
