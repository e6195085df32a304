package dev.tradingcore.adapters.broker.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange's state on disk. A crash is what the files hold at the moment it strikes: the tests copy the state's
 * directory while the exchange still runs (no checkpoint, no close) and open the copy, as a restart after SIGKILL
 * would open the original.
 */
class DurableStateTest {

    @TempDir
    Path directory;

    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");
    private final SimulationConfig config = SimulationConfig.defaults(17);
    private final java.util.List<DurableState> opened = new java.util.ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(DurableState::close);
    }

    private DurableState open(Path file) {
        DurableState state = DurableState.open(file, config, clock);
        opened.add(state);
        return state;
    }

    private static NewOrder buy(String clientOrderId, String limit) {
        return new NewOrder(Option.some(clientOrderId), "AAPL", Side.BUY, BigDecimal.TEN, limit == null
                ? OrderType.MARKET : OrderType.LIMIT, TimeInForce.GTC, Option.of(limit).map(BigDecimal::new),
                Option.none());
    }

    /** The state directory as a crash now would leave it, copied to {@code name}. */
    private Path crashImage(Path live, String name) throws IOException {
        Path image = directory.resolve(name);
        Files.createDirectories(image);
        try (Stream<Path> files = Files.list(live.getParent())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().endsWith(".lock")) {
                    Files.copy(file, image.resolve(file.getFileName()));
                }
            }
        }
        return image.resolve(live.getFileName());
    }

    private static List<Path> journal(Path state) throws IOException {
        try (Stream<Path> files = Files.list(state.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(state.getFileName() + ".journal."))
                    .sorted().toList();
        }
    }

    @Test
    void everythingAcknowledgedBeforeACrashIsThereAfterIt() throws IOException {
        Path live = directory.resolve("live").resolve("exchange.json");
        SimulatedExchange exchange = open(live).exchange();
        SimOrder filled = exchange.submit(buy("a", null)).get();
        SimOrder resting = exchange.submit(buy("b", "1.00")).get();
        SimOrder cancelled = exchange.submit(buy("c", "1.00")).get();
        exchange.cancel(cancelled.id()).get();
        clock.advance(Duration.ofSeconds(1));
        List<SimFill> fills = exchange.step().toJavaList();

        SimulatedExchange restarted = open(crashImage(live, "crash")).exchange();

        assertThat(fills).hasSize(1);
        assertThat(restarted.orders()).isEqualTo(exchange.orders());
        assertThat(restarted.fills()).isEqualTo(exchange.fills());
        assertThat(restarted.positions()).isEqualTo(exchange.positions());
        assertThat(restarted.account()).isEqualTo(exchange.account());
        assertThat(restarted.order(filled.id()).get().status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(restarted.order(resting.id()).get().status()).isEqualTo(SimOrderStatus.NEW);
        assertThat(restarted.order(cancelled.id()).get().status()).isEqualTo(SimOrderStatus.CANCELED);
        assertThat(restarted.submit(buy("a", null)).getLeft().message()).contains("unique");
    }

    @Test
    void aRestartedExchangeNeverHandsOutAnIdItHandedOutBefore() throws IOException {
        Path live = directory.resolve("live").resolve("exchange.json");
        SimulatedExchange exchange = open(live).exchange();
        Path beforeTheOrder = crashImage(live, "before");
        SimOrder placed = exchange.submit(buy("first", null)).get();

        // A crash that takes the order back (it was never journaled here: the image predates it), then another order.
        SimOrder next = open(beforeTheOrder).exchange().submit(buy("second", null)).get();

        assertThat(next.id()).isNotEqualTo(placed.id());
        assertThat(next.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void aRecordCutShortByTheCrashIsLeftOutAndTheRestIsKept() throws IOException {
        Path live = directory.resolve("live").resolve("exchange.json");
        SimulatedExchange exchange = open(live).exchange();
        SimOrder kept = exchange.submit(buy("kept", "1.00")).get();
        Path image = crashImage(live, "torn");
        Path segment = journal(image).get(journal(image).size() - 1);
        String whole = Files.readString(segment, StandardCharsets.UTF_8);
        Files.writeString(segment, whole.substring(0, whole.indexOf('\n') + 1) + whole.substring(0, 40),
                StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);

        SimulatedExchange restarted = open(image).exchange();

        assertThat(restarted.orders().map(SimOrder::id)).containsExactly(kept.id());
        assertThat(journal(image)).hasSize(1).allSatisfy(f -> assertThat(f).isEmptyFile());
    }

    @Test
    void aDamagedRecordBeforeTheLastIsRefused() throws IOException {
        Path live = directory.resolve("live").resolve("exchange.json");
        SimulatedExchange exchange = open(live).exchange();
        exchange.submit(buy("one", "1.00")).get();
        exchange.submit(buy("two", "1.00")).get();
        Path image = crashImage(live, "damaged");
        Path segment = journal(image).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[20] = (byte) (bytes[20] == 'x' ? 'y' : 'x');
        Files.write(segment, bytes);

        assertThatThrownBy(() -> open(image)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is damaged at byte 0");
    }

    @Test
    void aCheckpointFoldsTheJournalIntoTheStateFile() throws IOException {
        Path live = directory.resolve("live").resolve("exchange.json");
        DurableState state = open(live);
        SimOrder order = state.exchange().submit(buy("x", "1.00")).get();
        assertThat(state.journalRecords()).isEqualTo(1);

        state.checkpoint();

        assertThat(state.journalRecords()).isZero();
        assertThat(journal(live)).hasSize(1).allSatisfy(f -> assertThat(f).isEmptyFile());
        assertThat(new StateFile(live).load().get().orders()).extracting(SimOrder::id).containsExactly(order.id());
        state.exchange().cancel(order.id()).get();
        assertThat(open(crashImage(live, "after")).exchange().order(order.id()).get().status())
                .isEqualTo(SimOrderStatus.CANCELED);
    }

    @Test
    void aSecondExchangeOnTheSameStateIsRefused() {
        Path live = directory.resolve("exchange.json");
        open(live);

        assertThatThrownBy(() -> open(live)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in use by another paper exchange");
    }

    @Test
    void aClosedStateOpensAgainWithEverything() throws IOException {
        Path live = directory.resolve("exchange.json");
        DurableState state = DurableState.open(live, config, clock);
        SimOrder order = state.exchange().submit(buy("y", null)).get();
        state.exchange().step();
        state.exchange().step();
        Option<BigDecimal> price = state.exchange().price(Symbol.of("AAPL"));
        state.close();

        SimulatedExchange reopened = open(live).exchange();

        assertThat(reopened.order(order.id()).get().status()).isEqualTo(SimOrderStatus.FILLED);
        assertThat(reopened.positions().single().quantity()).isEqualByComparingTo("10");
        assertThat(reopened.price(Symbol.of("AAPL"))).isEqualTo(price);
        assertThat(reopened.steps()).isEqualTo(2);
    }

    @Test
    void anExchangeWhoseJournalFailsAnswersNothingMore() {
        SimulatedExchange exchange = SimulatedExchange.start(config, clock);
        exchange.attach(change -> {
            throw new UncheckedIOException(new IOException("No space left on device"));
        });

        assertThatThrownBy(() -> exchange.submit(buy("z", "1.00"))).isInstanceOf(ExchangeStopped.class)
                .hasMessageContaining("No space left on device");
        assertThatThrownBy(exchange::orders).isInstanceOf(ExchangeStopped.class);
        assertThatThrownBy(exchange::step).isInstanceOf(ExchangeStopped.class);
        assertThatThrownBy(exchange::snapshot).isInstanceOf(ExchangeStopped.class);
    }
}
