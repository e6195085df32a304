package dev.tradingcore.adapters.postgres.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.risk.RiskInputs;
import dev.tradingcore.domain.risk.RiskSnapshot;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A risk snapshot's inputs (positions, then the earlier snapshots) are two reads; they must come from one snapshot of
 * the database while others write. A writer here commits, in each of its transactions, a position of k shares and the
 * k-th snapshot (cash k): any read that sees a position and a history from different moments breaks "position =
 * cash of the latest snapshot".
 */
class RiskInputsUnderConcurrentWritesTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");
    private static final Symbol SYMBOL = Symbol.of("RRAA");
    private static final int WRITES = 200;

    @Test
    void positions_and_history_are_read_from_one_snapshot_of_the_database() throws Exception {
        try (Connection c = db.connectAsApplication(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO positions (symbol, quantity, average_price, market_value, unrealized_pnl,"
                    + " cost_basis, cost_basis_exact, last_updated, version) VALUES ('RRAA', 0, NULL, 0, 0, 0, 0,"
                    + " now(), 0)");
        }
        RiskInputs inputs = PostgresRiskSnapshots.inputs(db.sessions());
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> writes = writer.submit(RiskInputsUnderConcurrentWritesTest::write);
        List<String> torn = new ArrayList<>();
        int reads = 0;
        int sawWrites = 0;
        try {
            while (!writes.isDone() && torn.size() < 5) {
                RiskInputs.Portfolio portfolio = inputs.read(T0);
                BigDecimal held = portfolio.positions().find(p -> p.symbol().equals(SYMBOL))
                        .map(Position::quantity).getOrElse(BigDecimal.ZERO);
                BigDecimal latestCash = portfolio.history().lastOption().map(RiskSnapshot::cashBalance)
                        .map(m -> m.amount()).getOrElse(BigDecimal.ZERO);
                if (held.compareTo(latestCash) != 0) {
                    torn.add("read " + reads + ": position " + held.toPlainString() + ", latest snapshot's cash "
                            + latestCash.toPlainString() + " (" + portfolio.history().size() + " snapshots)");
                }
                if (held.signum() > 0 && held.intValue() < WRITES) {
                    sawWrites++;
                }
                reads++;
            }
        } finally {
            writer.shutdown();
        }

        assertThat(writes.get(2, TimeUnit.MINUTES)).isEqualTo(WRITES);
        assertThat(torn).as("reads that saw the position and the history from different moments").isEmpty();
        assertThat(sawWrites).as("reads made while the writer was committing (of %d)", reads)
                .isGreaterThanOrEqualTo(5);
    }

    /** Position k and snapshot k in one transaction, for k = 1 to {@value #WRITES}; returns how many. */
    private static int write() throws Exception {
        int k = 0;
        try (Connection c = db.connectAsApplication();
                PreparedStatement position = c.prepareStatement("UPDATE positions SET quantity = ?, cost_basis = ?,"
                        + " cost_basis_exact = ?, market_value = ?, average_price = 1 WHERE symbol = 'RRAA'");
                PreparedStatement snapshot = c.prepareStatement("INSERT INTO risk_snapshots (timestamp,"
                        + " portfolio_value, cash_balance, total_exposure, position_count, sector_concentration, metrics)"
                        + " VALUES (?, ?, ?, 0, 1, '{}', '{\"net_exposure\": 0}')")) {
            c.setAutoCommit(false);
            while (k < WRITES) {
                k++;
                BigDecimal quantity = BigDecimal.valueOf(k);
                position.setBigDecimal(1, quantity);
                position.setBigDecimal(2, quantity);
                position.setBigDecimal(3, quantity);
                position.setBigDecimal(4, quantity);
                position.executeUpdate();
                snapshot.setTimestamp(1, Timestamp.from(T0.plusSeconds(k)));
                snapshot.setBigDecimal(2, quantity);
                snapshot.setBigDecimal(3, quantity);
                snapshot.executeUpdate();
                c.commit();
                Thread.sleep(1); // let the reads interleave with the commits
            }
        }
        return k;
    }
}
