package dev.tradingcore.adapters.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.PostgresPersistence;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.adapters.postgres.testing.Eventually;
import dev.tradingcore.adapters.postgres.testing.StreamingPair;
import dev.tradingcore.application.fill.ApplyingFill;
import dev.tradingcore.application.position.PositionCache;
import dev.tradingcore.application.port.in.FillOutcome;
import dev.tradingcore.domain.common.OrderId;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import dev.tradingcore.domain.trade.Liquidity;
import dev.tradingcore.domain.trade.Trade;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code database.synchronous-commit} with a synchronous standby: with {@code remote_apply} a fill is acknowledged
 * only once the standby has applied it (a read there right after the answer finds it, and a standby that stops
 * applying holds the answer back); with {@code on} once the standby has it on disk (a paused replay does not hold it
 * back). Prints what each level costs a fill, in sequence, on loopback.
 *
 * <p>The build runs a small sample (50 warm-up fills and 2 rounds of 50 per level): enough to check the meaning on 100
 * answered fills per level, in a few seconds. The costs docs/operations.md prints come from the full-size run,
 * {@code -Dsync-commit.warm-up=300 -Dsync-commit.rounds=5 -Dsync-commit.fills-per-round=100}; a cost measured on 100
 * fills of a shared CI machine says little, and measuring belongs to the full run (or {@code bench}), not the build.
 */
class SynchronousCommitTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-12-04T15:00:00Z");
    private static final int WARM_UP = Integer.getInteger("sync-commit.warm-up", 50);
    private static final int ROUNDS = Integer.getInteger("sync-commit.rounds", 2);
    private static final int FILLS_PER_ROUND = Integer.getInteger("sync-commit.fills-per-round", 50);

    @TempDir
    Path tmp;

    private int sequence;

    @Test
    void a_fill_is_answered_only_once_the_synchronous_standby_has_it_and_each_level_costs_what_it_prints()
            throws Exception {
        try (StreamingPair pair = StreamingPair.start(tmp)) {
            DatabaseUrl primaryUrl = DatabaseUrl.parse("jdbc:postgresql://localhost:" + pair.primary().port() + "/"
                    + StreamingPair.DATABASE + "?user=postgres");
            pair.requireSynchronousStandby(true);
            try (DatabasePools pools = DatabasePools.open(primaryUrl, Optional.empty(), ComponentPoolSizes.DESIGN,
                    Duration.ofSeconds(5))) {
                new SchemaMigrator(pools.execution()).migrate();
            }
            StreamingPair.Node replica = pair.runningReplica();
            Eventually.within(BOUND, "the schema on the replica", () -> tradesOn(replica) >= 0);

            String[] levels = {"local", "on", "remote_apply"};
            long[][] micros = new long[levels.length][ROUNDS * FILLS_PER_ROUND];
            int[] seenRightAway = new int[levels.length];
            DatabasePools[] levelPools = new DatabasePools[levels.length];
            ApplyingFill[] levelFills = new ApplyingFill[levels.length];
            String[] orders = new String[levels.length];
            try {
                for (int l = 0; l < levels.length; l++) {
                    levelPools[l] = open(primaryUrl, levels[l]);
                    levelFills[l] = fills(levelPools[l]);
                    orders[l] = order(levelPools[l], "cost-" + levels[l]);
                    for (int i = 0; i < WARM_UP; i++) {
                        apply(levelFills[l], orders[l]); // connections, and the JIT, before anything is measured
                    }
                }
                // Round by round, each level in turn: a machine whose load changes meanwhile changes all alike.
                for (int round = 0; round < ROUNDS; round++) {
                    for (int l = 0; l < levels.length; l++) {
                        for (int i = 0; i < FILLS_PER_ROUND; i++) {
                            long started = System.nanoTime();
                            String tradeId = apply(levelFills[l], orders[l]);
                            micros[l][round * FILLS_PER_ROUND + i] = (System.nanoTime() - started) / 1_000;
                            if (onReplica(replica, tradeId)) {
                                seenRightAway[l]++;
                            }
                        }
                    }
                }
            } finally {
                for (DatabasePools p : levelPools) {
                    if (p != null) {
                        p.close();
                    }
                }
            }
            StringBuilder costs = new StringBuilder();
            int fillsPerLevel = ROUNDS * FILLS_PER_ROUND;
            for (int l = 0; l < levels.length; l++) {
                Arrays.sort(micros[l]);
                costs.append(String.format(Locale.ROOT, "synchronous_commit %-12s fill p50 %6d us, p99 %6d us;"
                        + " on the standby right after the answer: %d of %d%n", levels[l], micros[l][fillsPerLevel / 2],
                        micros[l][fillsPerLevel * 99 / 100], seenRightAway[l], fillsPerLevel));
            }
            assertThat(seenRightAway[2]).as("remote_apply: every answered fill is applied on the standby")
                    .isEqualTo(fillsPerLevel);
            System.out.print(costs);

            String pausedOn;
            String pausedApply;
            try (DatabasePools pools = open(primaryUrl, "on")) {
                pausedOn = order(pools, "paused-on");
                pausedApply = order(pools, "paused-apply");
            }
            Eventually.within(BOUND, "the orders on the standby", () -> onReplicaOrder(replica, "paused-apply"));
            replica.pauseReplay();
            try (DatabasePools pools = open(primaryUrl, "on")) {
                ApplyingFill fills = fills(pools);
                String order = pausedOn;
                CompletableFuture<String> answered = CompletableFuture.supplyAsync(() -> apply(fills, order));
                assertThat(answered.get(BOUND.toSeconds(), TimeUnit.SECONDS))
                        .as("on: the standby has the fill on disk; its replay being paused does not matter")
                        .isNotNull();
            }
            try (DatabasePools pools = open(primaryUrl, "remote_apply")) {
                ApplyingFill fills = fills(pools);
                String order = pausedApply;
                CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> apply(fills, order));
                Thread.sleep(1_500);
                assertThat(held).as("remote_apply: no answer while the standby applies nothing").isNotDone();
                replica.resumeReplay();
                String tradeId = held.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertThat(onReplica(replica, tradeId)).as("answered once applied on the standby").isTrue();
            }
        }
    }

    private static DatabasePools open(DatabaseUrl url, String level) {
        return DatabasePools.open(url, Optional.empty(), ComponentPoolSizes.DESIGN, Duration.ofSeconds(30),
                ReplicationSettings.DEFAULTS.withSynchronousCommit(level));
    }

    private static ApplyingFill fills(DatabasePools pools) {
        PostgresPersistence persistence = new PostgresPersistence(pools.execution());
        return new ApplyingFill(persistence.fillJournal(), persistence.positions(), new PositionCache(),
                new RecordingAlertSink(), Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** An order large enough never to be over-filled. */
    private static String order(DatabasePools pools, String orderId) throws SQLException {
        try (Connection c = pools.execution().getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO orders (order_id, client_order_id, symbol,"
                        + " side, quantity, order_type, time_in_force, limit_price, status, submitted_at, updated_at)"
                        + " VALUES (?, ?, 'SYNC', 'buy', 1000000000, 'limit', 'gtc', 1000, 'submitted', ?, ?)")) {
            ps.setString(1, orderId);
            ps.setString(2, orderId);
            ps.setObject(3, T0.atOffset(ZoneOffset.UTC));
            ps.setObject(4, T0.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        return orderId;
    }

    private String apply(ApplyingFill fills, String orderId) {
        String tradeId = orderId + "-t" + (++sequence);
        Trade trade = new Trade(TradeId.of(tradeId), OrderId.of(orderId), Symbol.of("SYNC"), Side.BUY, Quantity.of(1),
                Price.of(new BigDecimal("100.25000000")), T0, new BigDecimal("0.01"), Option.some(Liquidity.TAKER));
        FillOutcome outcome = fills.apply(trade);
        assertThat(outcome).isInstanceOf(FillOutcome.Applied.class);
        return tradeId;
    }

    private static boolean onReplica(StreamingPair.Node replica, String tradeId) {
        try (Connection c = replica.connect(StreamingPair.DATABASE);
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM trades WHERE trade_id = ?")) {
            ps.setString(1, tradeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean onReplicaOrder(StreamingPair.Node replica, String orderId) {
        try (Connection c = replica.connect(StreamingPair.DATABASE);
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM orders WHERE order_id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static long tradesOn(StreamingPair.Node node) {
        try (Connection c = node.connect(StreamingPair.DATABASE); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM trades")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
