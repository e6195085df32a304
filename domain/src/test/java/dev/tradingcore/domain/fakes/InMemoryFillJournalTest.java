package dev.tradingcore.domain.fakes;

import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillJournalContract;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.trade.TradeRepository;

class InMemoryFillJournalTest extends FillJournalContract {

    private final InMemoryPositionRepository positions = new InMemoryPositionRepository();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryTradeRepository trades = new InMemoryTradeRepository();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryFillJournal journal = new InMemoryFillJournal(positions, orders, trades, audit);
    private final InMemoryPositionCorrections corrections = new InMemoryPositionCorrections(positions, audit);

    @Override
    protected FillJournal journal() {
        return journal;
    }

    @Override
    protected OrderRepository orders() {
        return orders;
    }

    @Override
    protected PositionRepository positions() {
        return positions;
    }

    @Override
    protected TradeRepository trades() {
        return trades;
    }

    @Override
    protected PositionCorrections corrections() {
        return corrections;
    }
}
