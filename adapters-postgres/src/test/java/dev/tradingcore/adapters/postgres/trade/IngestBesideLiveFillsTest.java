package dev.tradingcore.adapters.postgres.trade;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fill.FillBookkeeping;
import dev.tradingcore.domain.fill.FillRecording;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.trade.IngestReport;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.collection.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk ingest stores trades without moving positions or orders. A trade of a live order stored that way used to make
 * the later live delivery of the same fill a "duplicate": the position never moved. Ingest takes history only.
 */
class IngestBesideLiveFillsTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant AT = Instant.parse("2026-11-23T15:00:00Z");

    @Test
    void a_trade_of_an_open_order_is_refused_by_ingest_and_its_live_delivery_then_moves_the_position() {
        PostgresPersistence persistence = db.persistence();
        Order working = anOrder().withId("ing-live-1").withSymbol("INGA").withQuantity("10").submitted();
        persistence.orders().save(working);
        Trade fill = aTradeFor(working).withId("ing-live-1-t1").withQuantity("10").at("20").build();

        IngestReport report = persistence.tradeIngest().ingest(List.of(fill));
        FillRecording live = persistence.fillJournal().record(fill, FillBookkeeping.at(AT)).get();

        assertThat(report.inserted()).isZero();
        assertThat(report.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(IngestReport.Reason.LIVE_ORDER);
            assertThat(r.detail()).contains("ing-live-1 is submitted");
        });
        assertThat(live).isInstanceOf(FillRecording.Recorded.class);
        assertThat(persistence.positions().findBySymbol(Symbol.of("INGA")).get().quantity())
                .isEqualByComparingTo("10");
    }

    @Test
    void a_trade_beyond_its_closed_orders_filled_quantity_is_refused() {
        PostgresPersistence persistence = db.persistence();
        Order cancelled = anOrder().withId("ing-closed-2").withSymbol("INGB").withQuantity("10").submitted()
                .cancelled(AT).get().order();
        persistence.orders().save(cancelled);

        IngestReport report = persistence.tradeIngest().ingest(List.of(aTradeFor(cancelled).withId("ing-closed-2-t1")
                .withQuantity("1").at("20").build()));

        assertThat(report.rejected().map(IngestReport.Rejected::reason))
                .containsExactly(IngestReport.Reason.BEYOND_FILLED);
    }
}
