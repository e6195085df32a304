package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import io.vavr.collection.List;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bars replayed from a CSV file {@code symbol,timestamp,open,high,low,close,volume} (a header line is skipped;
 * timestamps as ISO instants or dates). The instruments are the file's symbols, starting at their first bar's open.
 * Step n moves to the n-th distinct timestamp: each symbol with a bar there takes its close, the others keep their
 * price. After the last timestamp prices stay where they are. Prices are rounded half-even to the tick.
 */
final class BarReplay implements PriceFeed {

    private final List<Instrument> instruments;
    private final java.util.List<Map<Symbol, BigDecimal>> closes;

    private BarReplay(List<Instrument> instruments, java.util.List<Map<Symbol, BigDecimal>> closes) {
        this.instruments = instruments;
        this.closes = closes;
    }

    static BarReplay load(Path csv) {
        java.util.List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bars file " + csv, e);
        }
        TreeMap<Instant, Map<Symbol, BigDecimal>> byTime = new TreeMap<>();
        Map<Symbol, Instant> firstSeen = new LinkedHashMap<>();
        Map<Symbol, BigDecimal> firstOpen = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || (n == 0 && line.toLowerCase().startsWith("symbol"))) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 7) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": expected 7 columns "
                        + "(symbol,timestamp,open,high,low,close,volume), found " + cells.length);
            }
            try {
                Symbol symbol = Symbol.of(cells[0].strip());
                Instant at = timestamp(cells[1].strip());
                BigDecimal open = tick(cells[2]);
                BigDecimal close = tick(cells[5]);
                if (byTime.computeIfAbsent(at, t -> new LinkedHashMap<>()).put(symbol, close) != null) {
                    throw new IllegalArgumentException("a second bar for " + symbol + " at " + at);
                }
                if (!firstSeen.containsKey(symbol) || at.isBefore(firstSeen.get(symbol))) {
                    firstSeen.put(symbol, at);
                    firstOpen.put(symbol, open);
                }
            } catch (IllegalArgumentException | DateTimeParseException bad) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": " + bad.getMessage(), bad);
            }
        }
        if (firstOpen.isEmpty()) {
            throw new IllegalArgumentException(csv + " holds no bars");
        }
        List<Instrument> instruments = List.ofAll(firstOpen.entrySet())
                .map(e -> new Instrument(e.getKey(), Price.of(e.getValue())));
        return new BarReplay(instruments, new ArrayList<>(byTime.values()));
    }

    private static Instant timestamp(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return Instant.parse(text);
    }

    private static BigDecimal tick(String text) {
        BigDecimal value = new BigDecimal(text.strip());
        BigDecimal ticks = value.divide(SimulatedExchange.TICK, 0, RoundingMode.HALF_EVEN);
        BigDecimal rounded = ticks.multiply(SimulatedExchange.TICK);
        if (rounded.signum() <= 0) {
            throw new IllegalArgumentException("price " + text.strip() + " is not above zero");
        }
        return rounded;
    }

    @Override
    public List<Instrument> instruments() {
        return instruments;
    }

    @Override
    public void advance(long step, Map<Symbol, BigDecimal> prices) {
        if (step >= 1 && step <= closes.size()) {
            prices.putAll(closes.get((int) (step - 1)));
        }
    }
}
