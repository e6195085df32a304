package dev.tradingcore.adapters.broker.simulated;

import java.util.UUID;

/**
 * Where the exchange's ids (order ids, execution ids, client order ids it assigns) come from.
 *
 * <p>{@link #random()} is what an exchange that outlives a session uses (the paper exchange, the in-process simulation
 * with a state file): random UUIDs, as Alpaca's are, unique across processes and restarts, so that an id a client saw
 * before a crash is never given to another order after it, whether or not that order survived the crash.
 * {@link #seeded(long)} is for the simulator and tests, whose sessions must replay exactly from a seed: the same seed
 * and the same sequence of requests give the same ids. Seeded ids are a function of a counter, so they belong to an
 * exchange that lives in one process and is never restored.
 */
public sealed interface ExchangeIds {

    /**
     * The next id.
     *
     * @param purpose what the id names ({@code order}, {@code fill}, {@code client-order})
     * @param counter how many ids of that purpose the exchange has handed out, this one included
     */
    String next(String purpose, long counter);

    /** Random (version 4) UUIDs from a cryptographically strong generator. */
    static ExchangeIds random() {
        return Random.INSTANCE;
    }

    /** UUID-shaped ids that depend only on {@code seed}, the purpose and the counter. */
    static ExchangeIds seeded(long seed) {
        return new Seeded(seed);
    }

    /** Random UUIDs. */
    enum Random implements ExchangeIds {
        INSTANCE;

        @Override
        public String next(String purpose, long counter) {
            return UUID.randomUUID().toString();
        }
    }

    /** Ids from a seed. */
    record Seeded(long seed) implements ExchangeIds {

        @Override
        public String next(String purpose, long counter) {
            return DeterministicIds.uuid(seed, purpose, counter);
        }
    }
}
