package dev.tradingcore.adapters.postgres.resilience;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Which methods of a port may run again after a connection failure. Only operations whose second run changes nothing
 * the first one did are listed: a lost commit acknowledgement leaves it unknown whether the first run committed.
 */
@FunctionalInterface
public interface RetryPolicy {

    boolean retries(Method method);

    /** No method is retried: a connection failure goes straight to the caller (appends that are not idempotent). */
    static RetryPolicy never() {
        return method -> false;
    }

    /** Every method is retried: for ports whose every operation is a read or an idempotent write (an upsert). */
    static RetryPolicy always() {
        return method -> true;
    }

    /** Only the methods with these names. */
    static RetryPolicy only(String... methodNames) {
        Set<String> names = Set.copyOf(Arrays.asList(methodNames));
        return method -> names.contains(method.getName());
    }

    /** Every method except those with these names. */
    static RetryPolicy allBut(String... methodNames) {
        Set<String> names = Set.copyOf(Arrays.asList(methodNames));
        return method -> !names.contains(Objects.requireNonNull(method).getName());
    }
}
