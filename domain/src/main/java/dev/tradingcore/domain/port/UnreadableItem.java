package dev.tradingcore.domain.port;

import io.vavr.control.Option;
import java.time.Instant;

/**
 * An item of a broker's answer that could not be read as what it claims to be.
 *
 * @param reference what names the item at the broker (an activity or order id), or empty when even that is unreadable
 * @param at the item's own time (an execution's transaction time) when that much could be read; a watermark must
 *     stay at or before it
 * @param reason what was wrong, naming the field
 */
public record UnreadableItem(String reference, Option<Instant> at, String reason) {

    public UnreadableItem {
        if (reference == null || at == null || reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an unreadable item needs a reference (maybe empty), an optional time "
                    + "and a reason");
        }
    }
}
