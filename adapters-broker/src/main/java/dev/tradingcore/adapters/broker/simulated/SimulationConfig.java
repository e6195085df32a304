package dev.tradingcore.adapters.broker.simulated;

import dev.tradingcore.domain.common.Quantity;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * How a simulation behaves. Everything that makes it random comes from {@link #seed}: the same seed and the same
 * sequence of requests and steps give the same prices, fills and ids.
 *
 * @param seed the seed of prices and ids
 * @param instruments the tradable symbols and their start prices (ignored when {@code bars} is given: the bars name
 *     the symbols)
 * @param startingCash the account's cash at the start, in dollars
 * @param maxFillPerStep when given, an order fills at most this quantity per step, so a large order fills partially
 *     across steps
 * @param commissionPerShare charged on every fill (rounded half-up to cents per fill); 0 as at Alpaca
 * @param volatilityBasisPoints the random walk's largest move per step, in basis points of the price (at least one
 *     tick)
 * @param matchOnSubmit whether a new order is matched at once against the current price (as a marketable order is at
 *     a real exchange) instead of waiting for the next step
 * @param bars a CSV file of bars to replay instead of the random walk: {@code symbol,timestamp,open,high,low,close,
 *     volume}, one bar per symbol and timestamp; each step moves to the next timestamp and the price is the close
 */
public record SimulationConfig(long seed, List<Instrument> instruments, BigDecimal startingCash,
        Option<Quantity> maxFillPerStep, BigDecimal commissionPerShare, int volatilityBasisPoints,
        boolean matchOnSubmit, Option<Path> bars) {

    /** The default symbols, with start prices near their 2024 levels. */
    public static final List<Instrument> DEFAULT_INSTRUMENTS = List.of(
            Instrument.of("AAPL", "190.00"), Instrument.of("MSFT", "410.00"), Instrument.of("GOOG", "170.00"),
            Instrument.of("AMZN", "180.00"), Instrument.of("TSLA", "250.00"), Instrument.of("NVDA", "120.00"),
            Instrument.of("META", "500.00"), Instrument.of("JPM", "200.00"), Instrument.of("SPY", "520.00"),
            Instrument.of("QQQ", "440.00"));

    public static final BigDecimal DEFAULT_CASH = new BigDecimal("1000000.00");

    public SimulationConfig {
        if (instruments == null || startingCash == null || maxFillPerStep == null || commissionPerShare == null
                || bars == null) {
            throw new IllegalArgumentException("a simulation config needs every field; optional ones as Option.none()");
        }
        if (instruments.isEmpty() && bars.isEmpty()) {
            throw new IllegalArgumentException("a simulation needs at least one instrument or a bars file");
        }
        if (instruments.map(Instrument::symbol).distinct().size() != instruments.size()) {
            throw new IllegalArgumentException("the simulation's instruments name a symbol twice");
        }
        if (startingCash.signum() < 0) {
            throw new IllegalArgumentException("starting cash " + startingCash.toPlainString() + " is negative");
        }
        if (maxFillPerStep.exists(Quantity::isZero)) {
            throw new IllegalArgumentException("the largest fill per step must be more than zero");
        }
        if (commissionPerShare.signum() < 0) {
            throw new IllegalArgumentException("commission per share " + commissionPerShare.toPlainString()
                    + " is negative");
        }
        if (volatilityBasisPoints < 0 || volatilityBasisPoints > 10_000) {
            throw new IllegalArgumentException("volatility must be between 0 and 10000 basis points, not "
                    + volatilityBasisPoints);
        }
    }

    /** The default simulation for a seed: ten US symbols, $1,000,000 cash, whole fills, no commission. */
    public static SimulationConfig defaults(long seed) {
        return new SimulationConfig(seed, DEFAULT_INSTRUMENTS, DEFAULT_CASH, Option.none(), BigDecimal.ZERO, 10, false,
                Option.none());
    }

    public SimulationConfig withInstruments(List<Instrument> value) {
        return new SimulationConfig(seed, value, startingCash, maxFillPerStep, commissionPerShare,
                volatilityBasisPoints, matchOnSubmit, bars);
    }

    public SimulationConfig withStartingCash(BigDecimal value) {
        return new SimulationConfig(seed, instruments, value, maxFillPerStep, commissionPerShare,
                volatilityBasisPoints, matchOnSubmit, bars);
    }

    public SimulationConfig withMaxFillPerStep(Quantity value) {
        return new SimulationConfig(seed, instruments, startingCash, Option.of(value), commissionPerShare,
                volatilityBasisPoints, matchOnSubmit, bars);
    }

    public SimulationConfig withCommissionPerShare(BigDecimal value) {
        return new SimulationConfig(seed, instruments, startingCash, maxFillPerStep, value, volatilityBasisPoints,
                matchOnSubmit, bars);
    }

    public SimulationConfig withVolatilityBasisPoints(int value) {
        return new SimulationConfig(seed, instruments, startingCash, maxFillPerStep, commissionPerShare, value,
                matchOnSubmit, bars);
    }

    public SimulationConfig withMatchOnSubmit(boolean value) {
        return new SimulationConfig(seed, instruments, startingCash, maxFillPerStep, commissionPerShare,
                volatilityBasisPoints, value, bars);
    }

    public SimulationConfig withBars(Path csv) {
        return new SimulationConfig(seed, instruments, startingCash, maxFillPerStep, commissionPerShare,
                volatilityBasisPoints, matchOnSubmit, Option.of(csv));
    }
}
