package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.port.in.OrderTicket;
import dev.tradingcore.application.port.in.SubmitResult;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's embedding example compiles (it is the body of {@link #example()}) and runs. */
class ReadmeExampleTest {

    /** The README's example, verbatim between the markers. */
    private static Position example() {
        Position held;
        // README:begin
        SimulatedBroker broker = SimulatedBroker.create(SimulationConfig.defaults(7), Clock.systemUTC());
        try (TradingCore core = TradingCore.builder().broker(broker).start()) {
            SubmitResult result = core.submit(
                    OrderTicket.market(Symbol.of("AAPL"), Side.BUY, Quantity.of(10), Price.of("190.00")));
            broker.step();          // the simulated market moves and fills the order
            core.syncWithBroker();  // the fill is recorded exactly once: trade, position, order, audit line
            Position aapl = core.position(Symbol.of("AAPL")).get();  // from memory, never the database
            System.out.println(result + " -> " + aapl.quantity() + " AAPL");
            // README:end
            held = aapl;
        }
        return held;
    }

    @Test
    void the_readme_shows_exactly_this_example() throws IOException {
        String readme = Files.readString(locate("README.md"));
        Matcher block = Pattern.compile("## Embedding trading-core.*?```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertThat(block.find()).as("README has the embedding example").isTrue();
        String source = Files.readString(locate("bootstrap/src/test/java/dev/tradingcore/bootstrap/ReadmeExampleTest.java"));
        String between = source.substring(source.indexOf("// README:begin") + "// README:begin".length(),
                source.indexOf("// README:end"));
        String expected = between.lines().map(String::strip).filter(l -> !l.isEmpty()).toList().toString();
        String shown = block.group(1).lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.equals("}")).toList().toString();
        assertThat(shown).isEqualTo(expected);
    }

    @Test
    void the_example_runs_and_buys_ten_apple() {
        String database = TemplateDatabase.createEmpty();
        String previous = System.getProperty("database.url");
        try {
            // The example reads its configuration like an embedding application: here from a system property.
            DatabaseUrl url = PostgresServer.get().urlOf(database);
            String jdbc = url.jdbcUrl();
            System.setProperty("database.url", jdbc + (jdbc.contains("?") ? "&" : "?") + "user="
                    + url.user().orElse("postgres") + url.password().map(p -> "&password=" + p).orElse(""));
            assertThat(example().quantity()).isEqualByComparingTo("10");
        } finally {
            if (previous == null) {
                System.clearProperty("database.url");
            } else {
                System.setProperty("database.url", previous);
            }
            TemplateDatabase.drop(database);
        }
    }

    /** A file of the repository, whether the tests run from the root or from the module. */
    private static Path locate(String relative) {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + here);
    }
}
