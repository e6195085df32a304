package dev.tradingcore.domain.port;

import io.vavr.collection.List;

/**
 * A list the broker answered with: the items that could be read, and the ones that could not.
 *
 * <p>One unusual item (a quantity with 9 decimal places, a negative price, a missing field) must neither fail the
 * whole answer, which would stall every fill behind it round after round, nor vanish, which would lose the money it
 * stands for. So it is carried here, named, for the caller to alert on and to hold its place for (a watermark must not
 * pass an execution it could not read).
 *
 * @param items what was read, in the broker's order
 * @param unreadable what was not, each with why
 */
public record Listing<T>(List<T> items, List<UnreadableItem> unreadable) {

    public Listing {
        if (items == null || unreadable == null) {
            throw new IllegalArgumentException("a listing needs its items and its unreadable items (maybe none)");
        }
    }

    /** Everything read. */
    public static <T> Listing<T> of(List<T> items) {
        return new Listing<>(items, List.empty());
    }

    /** Whether every item could be read. */
    public boolean isComplete() {
        return unreadable.isEmpty();
    }

    /**
     * The items when every one was read, else a {@link BrokerFailure.Malformed} naming the unreadable ones: for a
     * caller that can only act on the whole list.
     */
    public io.vavr.control.Either<BrokerFailure, List<T>> whole() {
        if (unreadable.isEmpty()) {
            return io.vavr.control.Either.right(items);
        }
        return io.vavr.control.Either.left(new BrokerFailure.Malformed(unreadable.size() + " item(s) could not be read: "
                + unreadable.take(3).map(u -> (u.reference().isEmpty() ? "?" : u.reference()) + " (" + u.reason() + ")")
                        .mkString("; ")));
    }
}
