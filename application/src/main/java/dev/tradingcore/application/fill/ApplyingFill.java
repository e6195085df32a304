package dev.tradingcore.application.fill;

import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.domain.common.Rejection;
import dev.tradingcore.domain.common.StoreUnavailableException;
import dev.tradingcore.domain.fill.FillBookkeeping;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.port.Alert;
import dev.tradingcore.domain.port.AlertSeverity;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.VersionedPosition;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.List;
import io.vavr.collection.LinkedHashMap;
import io.vavr.control.Either;
import java.time.Clock;
import java.time.Instant;

/**
 * Applies a broker's execution: the journal records trade, position, order and audit line in one transaction, then
 * the committed position goes to the cache. Anything that is not a clean recording is raised as an alert, because a
 * fill is money that moved at the broker whether or not we could book it.
 */
public final class ApplyingFill implements ApplyFill {

    private final FillJournal journal;
    private final PositionRepository positions;
    private final PositionCache cache;
    private final AlertSink alerts;
    private final Clock clock;
    private final BookedFills booked;

    public ApplyingFill(FillJournal journal, PositionRepository positions, PositionCache cache, AlertSink alerts,
            Clock clock) {
        this(journal, positions, cache, alerts, clock, new BookedFills());
    }

    /** @param booked where each fill recorded is noted (the process's, shared with start-up recovery) */
    public ApplyingFill(FillJournal journal, PositionRepository positions, PositionCache cache, AlertSink alerts,
            Clock clock, BookedFills booked) {
        this.journal = journal;
        this.positions = positions;
        this.cache = cache;
        this.alerts = alerts;
        this.clock = clock;
        this.booked = java.util.Objects.requireNonNull(booked, "booked");
    }

    @Override
    public FillOutcome apply(Trade trade) {
        Instant at = clock.instant();
        Either<Rejection, FillRecording> result;
        try {
            result = journal.record(trade, markedAtLatestPrice(FillBookkeeping.at(at)));
        } catch (StoreUnavailableException unavailable) {
            return new FillOutcome.NotRecorded(trade, unavailable.getMessage());
        }
        return answer(trade, result, at);
    }

    /** The journal answers every fill of the list; the recorded ones reach the cache, as one by one. */
    @Override
    public java.util.List<io.vavr.control.Try<FillOutcome>> applyAll(java.util.List<Trade> trades) {
        Instant at = clock.instant();
        java.util.List<io.vavr.control.Try<FillOutcome>> outcomes = new java.util.ArrayList<>(trades.size());
        java.util.List<io.vavr.control.Try<Either<Rejection, FillRecording>>> results;
        try {
            results = journal.recordAll(trades, markedAtLatestPrice(FillBookkeeping.at(at)));
        } catch (StoreUnavailableException unavailable) {
            for (Trade trade : trades) {
                outcomes.add(io.vavr.control.Try.success(new FillOutcome.NotRecorded(trade, unavailable.getMessage())));
            }
            return outcomes;
        }
        for (int i = 0; i < trades.size(); i++) {
            Trade trade = trades.get(i);
            io.vavr.control.Try<Either<Rejection, FillRecording>> result = results.get(i);
            if (result.isFailure() && result.getCause() instanceof StoreUnavailableException unavailable) {
                outcomes.add(io.vavr.control.Try.success(new FillOutcome.NotRecorded(trade, unavailable.getMessage())));
            } else {
                outcomes.add(result.map(answer -> answer(trade, answer, at)));
            }
        }
        return outcomes;
    }

    private FillOutcome answer(Trade trade, Either<Rejection, FillRecording> result, Instant at) {
        if (result.isLeft()) {
            Rejection reason = result.getLeft();
            alerts.send(alert(AlertSeverity.CRITICAL, "Fill refused", "trade " + trade.tradeId() + " of order "
                    + trade.orderId() + " was refused: " + reason.message(), at, trade, reason.code()));
            return new FillOutcome.Refused(trade, reason);
        }
        return switch (result.get()) {
            case FillRecording.Recorded recorded -> {
                booked.booked(trade.tradeId());
                cache.accept(new VersionedPosition(recorded.positionAfter(), recorded.positionVersion()));
                yield new FillOutcome.Applied(recorded.trade(), recorded.positionAfter(), recorded.orderAfter());
            }
            case FillRecording.Duplicate duplicate -> {
                // Usually a redelivery of a fill the cache already holds. But it is also what a retried journal call
                // reports when the first attempt committed and only its acknowledgement was lost: then the cache never
                // saw that commit. Offer the stored position; the version keeps the cache from going backwards.
                refreshCache(trade);
                yield new FillOutcome.AlreadyRecorded(duplicate.existing());
            }
            case FillRecording.Conflicting conflicting -> {
                alerts.send(alert(AlertSeverity.CRITICAL, "Conflicting fill", "trade " + trade.tradeId()
                        + " was reported again with different content (recorded " + conflicting.existing().quantity()
                        + " @ " + conflicting.existing().price() + ", now " + trade.quantity() + " @ " + trade.price()
                        + "); reconcile with the broker", at, trade, "conflicting_replay"));
                yield new FillOutcome.Conflict(conflicting.existing(), trade);
            }
        };
    }

    /**
     * The booking, with the position it writes marked at the symbol's latest price: the stored row's market value
     * and unrealized P&amp;L are brought up to date on every fill, at no extra round trip.
     */
    private FillJournal.Booking markedAtLatestPrice(FillJournal.Booking booking) {
        return new FillJournal.Booking() {
            @Override
            public Either<Rejection, FillJournal.Entry> book(Trade trade, Position current, Order order) {
                return booking.book(trade, current, order).map(this::marked);
            }

            @Override
            public Either<Rejection, FillJournal.Entry> rebook(Trade trade, Position basis, List<Trade> earlier,
                    List<Trade> later, Order order) {
                return booking.rebook(trade, basis, earlier, later, order).map(this::marked);
            }

            private FillJournal.Entry marked(FillJournal.Entry entry) {
                Position after = entry.positionAfter();
                return cache.markOf(after.symbol()).filter(mark -> !after.isFlat())
                        .map(mark -> new FillJournal.Entry(entry.trade(), after.markedAt(mark.price(),
                                after.lastUpdated()), entry.orderAfter(), entry.audit()))
                        .getOrElse(entry);
            }
        };
    }

    private void refreshCache(Trade trade) {
        try {
            positions.findVersioned(trade.symbol()).forEach(cache::accept);
        } catch (StoreUnavailableException unavailable) {
            // The fill is recorded; the cache catches up with the next fill of the symbol or the next start.
        }
    }

    private static Alert alert(AlertSeverity severity, String title, String message, Instant at, Trade trade,
            String code) {
        return new Alert(severity, title, message, at, LinkedHashMap.of("trade_id", trade.tradeId().value(),
                "order_id", trade.orderId().value(), "symbol", trade.symbol().value(), "code", code));
    }
}
