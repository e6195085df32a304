package dev.tradingcore.adapters.postgres.order;

import static dev.tradingcore.domain.fixtures.OrderBuilder.anOrder;
import static dev.tradingcore.domain.fixtures.TradeBuilder.aTradeFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.fill.FillBookkeeping;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.order.OrderJournal;
import dev.tradingcore.domain.order.OrderJournalContract;
import dev.tradingcore.domain.order.OrderRepository;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MyBatisOrderJournalTest extends OrderJournalContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static PostgresPersistence persistence() {
        return db.persistence();
    }

    @Override
    protected OrderJournal journal() {
        return persistence().orderJournal();
    }

    @Override
    protected OrderRepository orders() {
        return persistence().orders();
    }

    @Override
    protected List<AuditEvent> auditOf(OrderId orderId) {
        return persistence().auditTrail().ofOrder(orderId);
    }

    /**
     * Why a change locks the stored order: a fill commits to the same row. Here one thread records 100 fills of one
     * share while two others rewrite the order, each change a function of the order as stored (what a status report
     * does): if a change were computed from an order read before a fill committed, writing it back would undo that
     * fill. Every fill must survive, each with its audit line, and every change must have its line.
     */
    @Test
    void changes_racing_fills_on_one_order_never_undo_a_fill() throws Exception {
        Order order = anOrder().withId("race-1").withSymbol("RACE").withQuantity("100").submitted();
        persistence().orders().save(order);
        int fills = 100;
        int changesPerThread = 100;
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        try {
            Future<?> filling = threads.submit(() -> {
                go.await();
                for (int i = 0; i < fills; i++) {
                    persistence().fillJournal().record(aTradeFor(order).withId("race-1-t" + i).withQuantity("1")
                            .at("10").executedAt(AT.plusSeconds(i)).build(), FillBookkeeping.at(AT)).get();
                }
                return null;
            });
            java.util.List<Future<?>> changing = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                changing.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < changesPerThread; i++) {
                        journal().change(order.orderId(), stored -> Either.right(OrderJournal.Changed.to(stored,
                                AuditEvent.of(AT, "execution", "status_reported", AuditSeverity.INFO,
                                        AuditEvent.details("order_id", stored.orderId().value(), "filled",
                                                stored.filledQuantity().toString()))))).get();
                    }
                    return null;
                }));
            }
            go.countDown();
            filling.get(2, TimeUnit.MINUTES);
            for (Future<?> f : changing) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        Order stored = orders().findById(order.orderId()).get();
        assertThat(stored.filledQuantity().value()).as("filled quantity = the 100 fills").isEqualByComparingTo("100");
        assertThat(stored.status().code()).isEqualTo("filled");
        assertThat(persistence().trades().findByOrderId(order.orderId())).hasSize(fills);
        List<String> actions = auditOf(order.orderId()).map(AuditEvent::action);
        assertThat(actions.count("fill_applied"::equals)).as("fill audit lines").isEqualTo(fills);
        assertThat(actions.count("status_reported"::equals)).as("change audit lines").isEqualTo(2 * changesPerThread);
    }
}
