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
import net.jqwik.api.Tuple;

class ReconciliationProperties {

    private static final Instant AT = Instant.parse("2025-10-21T20:30:00Z");

    @Property(tries = 2000)
    void after_applying_the_corrections_we_equal_the_broker_and_a_second_pass_is_clean(
            @ForAll("books") java.util.Map<String, BigDecimal> ourBook,
            @ForAll("books") java.util.Map<String, BigDecimal> brokerBook) {
        List<Position> ours = List.ofAll(ourBook.entrySet()).map(e -> Position.opened(Symbol.of(e.getKey()),
                e.getValue(), Price.of("10"), BigDecimal.ZERO, BigDecimal.ZERO, Option.none(), AT));
        List<BrokerPosition> broker = List.ofAll(brokerBook.entrySet()).map(e -> new BrokerPosition(
                Symbol.of(e.getKey()), e.getValue(), Option.some(Price.of("11"))));

        ReconciliationReport report = Reconciliation.reconcile(ours, broker, AT);

        Map<Symbol, Position> corrected = HashMap.ofEntries(ours.map(p -> io.vavr.Tuple.of(p.symbol(), p)))
                .merge(HashMap.ofEntries(report.corrections().map(p -> io.vavr.Tuple.of(p.symbol(), p))),
                        (old, fix) -> fix);
        assertThat(Reconciliation.reconcile(corrected.values().toList(), broker, AT).isClean()).isTrue();
        long expected = java.util.stream.Stream.concat(ourBook.keySet().stream(), brokerBook.keySet().stream())
                .distinct()
                .filter(s -> ourBook.getOrDefault(s, BigDecimal.ZERO).compareTo(brokerBook.getOrDefault(s,
                        BigDecimal.ZERO)) != 0)
                .count();
        assertThat(report.discrepancies().size()).isEqualTo((int) expected);
    }

    /**
     * Signed quantities at the full 8 places: from a few values shared by both books (so that many symbols agree, or
     * differ by one unit in the last place), or anywhere between -3 and 3.
     */
    @Provide
    Arbitrary<java.util.Map<String, BigDecimal>> books() {
        Arbitrary<BigDecimal> shared = Arbitraries.of("0", "1.00000000", "-1.00000000", "0.00000001", "-0.00000001",
                "0.00000002", "2.12345678", "2.12345679", "-2.12345678").map(BigDecimal::new);
        Arbitrary<BigDecimal> any = Arbitraries.bigDecimals().between(new BigDecimal("-3"), new BigDecimal("3"))
                .ofScale(8);
        return Arbitraries.maps(Arbitraries.of("AAPL", "MSFT", "TSLA", "GOOG", "AMD", "NVDA"),
                Arbitraries.frequencyOf(Tuple.of(3, shared), Tuple.of(1, any))).ofMaxSize(6);
    }
}
