package dev.tradingcore.application.health;

import java.time.Duration;

/**
 * When a threshold alert may resolve. A figure that hovers at its threshold (a pool at 80 % one tick and 90 % the
 * next) must not raise and resolve an incident every other tick: once raised, an incident resolves only after
 * {@code resolveAfterRounds} checks in a row find the figure clearly healthy, that is beyond the resolve level, the
 * threshold moved {@code resolveMarginPercent} % of itself to the healthy side (a pool threshold of 80 % resolves
 * at 72 % and under; 20 % free disk at 22 % and over). A figure between the resolve level and the threshold keeps
 * an open incident open and opens none. Nothing delays a raise: an operator hears of a crossing at the first check
 * that finds it.
 *
 * @param resolveMarginPercent how far, in % of the threshold, the figure must be on the healthy side (0 to 99)
 * @param resolveAfterRounds consecutive checks that must find it there (at least 1)
 */
public record Hysteresis(int resolveMarginPercent, int resolveAfterRounds) {

    /** The core's defaults: 10 % of the threshold, 3 checks in a row (90 s at the 30 s interval). */
    public static final Hysteresis DESIGN = new Hysteresis(10, 3);

    public Hysteresis {
        if (resolveMarginPercent < 0 || resolveMarginPercent > 99) {
            throw new IllegalArgumentException("the resolve margin must be from 0 to 99 % of the threshold, got "
                    + resolveMarginPercent);
        }
        if (resolveAfterRounds < 1) {
            throw new IllegalArgumentException("an alert resolves after at least 1 healthy check, got "
                    + resolveAfterRounds);
        }
    }

    /** The resolve level of an upper bound (latency, lag, query time): the threshold less the margin. */
    Duration under(Duration threshold) {
        return threshold.multipliedBy(100 - resolveMarginPercent).dividedBy(100);
    }
}
