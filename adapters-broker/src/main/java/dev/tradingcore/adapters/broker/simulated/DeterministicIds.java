package dev.tradingcore.adapters.broker.simulated;

import java.util.UUID;

/**
 * Ids and random numbers that depend only on the seed, a purpose and a counter: the same seed and the same sequence
 * of requests give the same ids, and no generator state needs saving (the counters are in the saved state).
 * SplitMix64's finaliser mixes the inputs.
 */
final class DeterministicIds {

    private DeterministicIds() {
    }

    static long mix(long z) {
        long x = z + 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        return x ^ (x >>> 31);
    }

    /** A well-mixed 64-bit number for (seed, purpose, counter, index). */
    static long random(long seed, String purpose, long counter, long index) {
        long h = mix(seed);
        for (int i = 0; i < purpose.length(); i++) {
            h = mix(h ^ purpose.charAt(i));
        }
        return mix(mix(h ^ counter) ^ index);
    }

    /** A version-4-shaped UUID, e.g. for an order id or an execution id. */
    static String uuid(long seed, String purpose, long counter) {
        long high = random(seed, purpose, counter, 1);
        long low = random(seed, purpose, counter, 2);
        high = (high & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** A number in [0, bound). */
    static int below(long seed, String purpose, long counter, long index, int bound) {
        return (int) Long.remainderUnsigned(random(seed, purpose, counter, index), bound);
    }
}
