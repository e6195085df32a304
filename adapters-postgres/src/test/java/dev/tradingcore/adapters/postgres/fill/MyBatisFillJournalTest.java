package dev.tradingcore.adapters.postgres.fill;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.fill.FillBookkeeping;
import dev.tradingcore.domain.fill.FillJournal;
import dev.tradingcore.domain.fill.FillJournalContract;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.order.OrderRepository;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.reconciliation.PositionCorrections;
import dev.tradingcore.domain.trade.TradeRepository;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MyBatisFillJournalTest extends FillJournalContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static PostgresPersistence persistence() {
        return db.persistence();
    }

    /** The one-transaction-per-fill journal (the facade's own is the combining one, see CombiningFillJournalTest). */
    @Override
    protected FillJournal journal() {
        return PostgresFills.journal(db.sessions());
    }

    @Override
    protected OrderRepository orders() {
        return persistence().orders();
    }

    @Override
    protected PositionRepository positions() {
        return persistence().positions();
    }

    @Override
    protected TradeRepository trades() {
        return persistence().trades();
    }

    @Override
    protected PositionCorrections corrections() {
        return persistence().positionCorrections();
    }

    @Test
    void trade_position_order_and_audit_line_are_written_in_one_transaction() throws Exception {
        Order order = anOrder().withId("tx-1").withSymbol("TXA").withQuantity("10").submitted();
        orders().save(order);

        journal().record(aTradeFor(order).withId("tx-1-t1").withQuantity("10").at("3").build(), FillBookkeeping.at(AT));

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT (SELECT count(*) FROM trades WHERE trade_id = 'tx-1-t1'),
                               (SELECT quantity FROM positions WHERE symbol = 'TXA'),
                               (SELECT status FROM orders WHERE order_id = 'tx-1'),
                               (SELECT count(*) FROM audit_log WHERE order_id = 'tx-1' AND action = 'fill_applied'),
                               (SELECT xmin::text FROM positions WHERE symbol = 'TXA')
                                 = (SELECT xmin::text FROM orders WHERE order_id = 'tx-1')
                        """)) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("10");
            assertThat(rs.getString(3)).isEqualTo("filled");
            assertThat(rs.getInt(4)).isEqualTo(1);
            assertThat(rs.getBoolean(5)).as("position and order written by the same transaction").isTrue();
        }
    }
}
