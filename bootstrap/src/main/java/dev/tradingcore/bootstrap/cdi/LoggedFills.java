package dev.tradingcore.bootstrap.cdi;

import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.control.Try;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Fills with their ids in the log's context: while a fill is booked, {@code order_id}, {@code trade_id} and
 * {@code symbol} are in the MDC, so every line logged meanwhile (a retry of the guard, a refusal) carries them, as
 * JSON fields with {@code LOG_FORMAT=json}; and one DEBUG line on {@code trading-core.fills} says what became of the
 * fill (the debug log has it; standard error shows INFO and up). The MDC is restored afterwards: a fill booked inside
 * another's context (recovery inside a sync) leaves the outer ids in place.
 */
final class LoggedFills {

    static final String ORDER_ID = "order_id";
    static final String TRADE_ID = "trade_id";
    static final String SYMBOL = "symbol";

    private static final Logger LOG = LoggerFactory.getLogger("trading-core.fills");

    private LoggedFills() {}

    /**
     * {@code applyFill} with the fill's ids in the log context while it is booked, and one line per fill. A round's
     * fills go on as one call (the journal books them as one batch, where no one fill's ids fit the context); each of
     * them gets its line afterwards, with its own ids.
     */
    static ApplyFill of(ApplyFill applyFill) {
        return new ApplyFill() {
            @Override
            public FillOutcome apply(Trade trade) {
                return withIdsOf(trade, () -> logged(trade, applyFill.apply(trade)));
            }

            @Override
            public List<Try<FillOutcome>> applyAll(List<Trade> trades) {
                List<Try<FillOutcome>> outcomes = applyFill.applyAll(trades);
                if (LOG.isDebugEnabled()) {
                    for (int i = 0; i < trades.size() && i < outcomes.size(); i++) {
                        Trade trade = trades.get(i);
                        Try<FillOutcome> outcome = outcomes.get(i);
                        withIdsOf(trade, () -> outcome.isSuccess() ? logged(trade, outcome.get()) : null);
                    }
                }
                return outcomes;
            }
        };
    }

    private static FillOutcome logged(Trade trade, FillOutcome outcome) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("fill {} of order {}: {} {} {} @ {}: {}", trade.tradeId().value(), trade.orderId().value(),
                    trade.side(), trade.quantity(), trade.symbol().value(), trade.price(),
                    outcome.getClass().getSimpleName());
        }
        return outcome;
    }

    private static <T> T withIdsOf(Trade trade, java.util.function.Supplier<T> work) {
        String outerOrder = MDC.get(ORDER_ID);
        String outerTrade = MDC.get(TRADE_ID);
        String outerSymbol = MDC.get(SYMBOL);
        MDC.put(ORDER_ID, trade.orderId().value());
        MDC.put(TRADE_ID, trade.tradeId().value());
        MDC.put(SYMBOL, trade.symbol().value());
        try {
            return work.get();
        } finally {
            restore(ORDER_ID, outerOrder);
            restore(TRADE_ID, outerTrade);
            restore(SYMBOL, outerSymbol);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
