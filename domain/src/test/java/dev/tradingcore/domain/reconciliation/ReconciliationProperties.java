package dev.tradingcore.domain.reconciliation;

import dev.tradingcore.domain.port.BrokerPosition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ReconciliationProperties {

    private static final Instant AT = Instant.parse("2025-10-21T20:30:00Z");

    @Property(tries = 2000)
    void after_applying_the_corrections_we_equal_the_broker_and_a_second_pass_is_clean(
            @ForAll("books") java.util.Map<String, Integer> ourBook,
            @ForAll("books") java.util.Map<String, Integer> brokerBook) {
        List<Position> ours = List.ofAll(ourBook.entrySet()).map(e -> Position.opened(Symbol.of(e.getKey()),
                BigDecimal.valueOf(e.getValue()), Price.of("10"), BigDecimal.ZERO, BigDecimal.ZERO, Option.none(), AT));
        List<BrokerPosition> broker = List.ofAll(brokerBook.entrySet()).map(e -> new BrokerPosition(
                Symbol.of(e.getKey()), BigDecimal.valueOf(e.getValue()), Option.some(Price.of("11"))));

        ReconciliationReport report = Reconciliation.reconcile(ours, broker, AT);

        Map<Symbol, Position> corrected = HashMap.ofEntries(ours.map(p -> io.vavr.Tuple.of(p.symbol(), p)))
                .merge(HashMap.ofEntries(report.corrections().map(p -> io.vavr.Tuple.of(p.symbol(), p))),
                        (old, fix) -> fix);
        assertThat(Reconciliation.reconcile(corrected.values().toList(), broker, AT).isClean()).isTrue();
        long expected = java.util.stream.Stream.concat(ourBook.keySet().stream(), brokerBook.keySet().stream())
                .distinct()
                .filter(s -> ourBook.getOrDefault(s, 0).intValue() != brokerBook.getOrDefault(s, 0).intValue())
                .count();
        assertThat(report.discrepancies().size()).isEqualTo((int) expected);
    }

    @Provide
    Arbitrary<java.util.Map<String, Integer>> books() {
        return Arbitraries.maps(Arbitraries.of("AAPL", "MSFT", "TSLA", "GOOG", "AMD", "NVDA"),
                Arbitraries.integers().between(-3, 3)).ofMaxSize(6);
    }
}
