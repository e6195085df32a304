package dev.tradingcore.domain.trade;

import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.common.OrderId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;

/** Reads recorded trades. Trades are written only through the {@code FillJournal} (package fill), together with their effects. */
public interface TradeRepository {

    Option<Trade> findById(TradeId tradeId);

    /** The trades of one order, in execution order. */
    List<Trade> findByOrderId(OrderId orderId);

    /** The trades of a symbol executed in {@code [from, to)}, in execution order. */
    List<Trade> findBySymbol(Symbol symbol, Instant from, Instant to);
}
