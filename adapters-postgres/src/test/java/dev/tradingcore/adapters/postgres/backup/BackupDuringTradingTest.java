package dev.tradingcore.adapters.postgres.backup;

import static dev.tradingcore.adapters.postgres.backup.BackupFixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.domain.common.Side;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dump taken while fills are being booked from several threads is a consistent ledger: every fill is in it wholly
 * (trade, position, order, audit row) or not at all.
 */
class BackupDuringTradingTest {

    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");
    private static final int THREADS = 4;
    private static final List<String> SYMBOLS = List.of("CNA", "CNB", "CNC", "CND");

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @TempDir
    Path dir;

    @Test
    void a_dump_taken_during_concurrent_fills_holds_whole_fills_only() throws Exception {
        BackupFixtures.Book book = new BackupFixtures.Book(db.dataSource(), T0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger orders = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String symbol = SYMBOLS.get(t);
            workers.add(pool.submit(() -> {
                for (int n = 0; !stop.get() && n < 100_000; n++) {
                    Side side = n % 3 == 2 ? Side.SELL : Side.BUY;
                    book.order(symbol + "-" + n, symbol, side, T0.plusSeconds(n), "1.5", "2", "0.25");
                    orders.incrementAndGet();
                }
                return null;
            }));
        }
        while (orders.get() < 20) {
            Thread.sleep(10);
        }
        LogicalBackup.Result backup;
        try {
            backup = new LogicalBackup(db.adminUrl(), Optional.empty(), Duration.ofSeconds(10), Duration.ofMinutes(5))
                    .backup(dir);
            int atDumpEnd = orders.get();
            while (orders.get() < atDumpEnd + 20) {
                Thread.sleep(10);
            }
        } finally {
            stop.set(true);
            for (Future<?> w : workers) {
                w.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }

        long dumpedTrades = backup.manifest().tableRows().get("public.trades");
        long finalTrades;
        try (Connection c = db.connect()) {
            finalTrades = count(c, "SELECT count(*) FROM trades");
        }
        assertThat(dumpedTrades).as("the dump was taken while fills were being booked")
                .isGreaterThanOrEqualTo(20 * 3).isLessThan(finalTrades);

        String target = "tc_during_" + ProcessHandle.current().pid();
        try {
            new LogicalRestore(PostgresServer.get().adminUrl(), Optional.empty(), Duration.ofSeconds(10),
                    Duration.ofMinutes(5), Clock.fixed(T0, ZoneOffset.UTC)).restore(backup.dump(), Optional.of(target),
                    false);
            try (Connection copy = PostgresServer.get().connect(target)) {
                assertThat(count(copy, "SELECT count(*) FROM trades")).isEqualTo(dumpedTrades);
                assertThat(count(copy, """
                        SELECT count(*) FROM orders o
                         WHERE o.filled_quantity <> coalesce((SELECT sum(t.quantity) FROM trades t
                                                               WHERE t.order_id = o.order_id), 0)
                        """)).as("orders whose filled quantity is not the sum of their trades").isZero();
                assertThat(count(copy, """
                        SELECT count(*) FROM positions p
                         WHERE p.quantity <> coalesce((SELECT sum(CASE t.side WHEN 'buy' THEN t.quantity
                                                                               ELSE -t.quantity END)
                                                         FROM trades t WHERE t.symbol = p.symbol), 0)
                        """)).as("positions that are not the signed sum of their trades").isZero();
                assertThat(count(copy, "SELECT count(*) FROM audit_log WHERE action = 'fill_applied'"))
                        .as("one audit row per dumped fill").isEqualTo(dumpedTrades);
                assertThat(count(copy, "SELECT count(*) FROM trade_ids")).isEqualTo(dumpedTrades);
                try (Statement st = copy.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM orders WHERE filled_quantity > 0 AND filled_quantity < quantity")) {
                    rs.next();
                    // Partly filled orders are legal (the dump fell between two fills of one order); they are
                    // consistent with their trades, which is what the checks above prove.
                    assertThat(rs.getLong(1)).isLessThanOrEqualTo(THREADS);
                }
            }
        } finally {
            TemplateDatabase.drop(target);
        }
    }
}
