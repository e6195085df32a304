package dev.tradingcore.domain.audit.seal;

/**
 * One place where the audit log does not match what was sealed.
 *
 * @param block the block concerned, 0 when none (a row no block holds)
 * @param row the row id concerned, or -1 when the finding is about a block as a whole
 * @param order where it is in the log, for "first": a row's id, a block's first row id; chain findings come first
 * @param message what does not match, for a person
 */
public record Finding(long block, long row, long order, String message) implements Comparable<Finding> {

    @Override
    public int compareTo(Finding o) {
        int byOrder = Long.compare(order, o.order);
        return byOrder != 0 ? byOrder : Long.compare(block, o.block);
    }

    @Override
    public String toString() {
        return message;
    }
}
