package dev.tradingcore.domain.position;

/**
 * A position as stored, with the store's version of it. Every change of a symbol's position makes a higher version,
 * so of two states of one symbol the one with the higher version is the newer, whatever order they arrive in.
 *
 * @param version positive once stored; it orders the states of one symbol only
 */
public record VersionedPosition(Position position, long version) {

    public VersionedPosition {
        if (position == null) {
            throw new IllegalArgumentException("a versioned position needs its position");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version " + version + " of " + position.symbol() + " is negative");
        }
    }

    /** Whether this state is newer than {@code other} (same symbol). */
    public boolean isNewerThan(VersionedPosition other) {
        return version > other.version;
    }
}
