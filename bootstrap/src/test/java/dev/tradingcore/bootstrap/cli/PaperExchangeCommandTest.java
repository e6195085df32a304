package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.DurableState;
import dev.tradingcore.adapters.broker.simulated.NewOrder;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code paper-exchange --state}: what it refuses before it serves, with one line and the documented exit status. */
class PaperExchangeCommandTest {

    @TempDir
    Path directory;

    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void placeTwo(DurableState state) {
        for (String id : new String[] {"one", "two"}) {
            state.exchange().submit(new NewOrder(Option.some(id), "AAPL", Side.BUY, BigDecimal.ONE, OrderType.LIMIT,
                    TimeInForce.GTC, Option.some(new BigDecimal("1.00")), Option.none())).get();
        }
    }

    @Test
    void aStateAnotherExchangeHoldsIsRefusedWithExit2() {
        Path state = directory.resolve("exchange.json");
        try (DurableState held = DurableState.open(state, SimulationConfig.defaults(42), Clock.systemUTC())) {
            Run second = run("paper-exchange", "--port", "0", "--state", state.toString());

            assertThat(second.exitCode()).isEqualTo(2);
            // One line saying what is wrong, then where to read the usage (every usage error says so).
            assertThat(second.err().strip().lines().toList()).hasSize(2).first().asString()
                    .startsWith("trading-core paper-exchange: configuration error: the exchange state " + state)
                    .contains("in use by another paper exchange");
            assertThat(held.exchange().orders()).isEmpty();
        }
    }

    @Test
    void aStateOfAnotherSeedIsRefusedWithExit2() {
        Path state = directory.resolve("exchange.json");
        DurableState.open(state, SimulationConfig.defaults(7), Clock.systemUTC()).close();

        Run other = run("paper-exchange", "--port", "0", "--seed", "8", "--state", state.toString());

        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("started with seed 7, not 8");
    }

    @Test
    void aDamagedJournalIsRefusedWithExit3AndLeftAsItIs() throws IOException {
        Path state = directory.resolve("exchange.json");
        Path copy = directory.resolve("crash");
        try (DurableState live = DurableState.open(state, SimulationConfig.defaults(42), Clock.systemUTC())) {
            placeTwo(live);
            Files.createDirectories(copy);
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".lock"))
                        .toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(copy)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("exchange.json.journal.")).findFirst()
                    .orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[30] = (byte) (bytes[30] == 'x' ? 'y' : 'x');
        Files.write(segment, bytes);

        Run damaged = run("paper-exchange", "--port", "0", "--state", copy.resolve("exchange.json").toString());

        assertThat(damaged.exitCode()).isEqualTo(3);
        assertThat(damaged.err().strip()).startsWith("trading-core paper-exchange failed: the journal " + segment
                + " is damaged at byte 0").doesNotContain("\n");
        assertThat(Files.readAllBytes(segment)).isEqualTo(bytes);
    }
}
