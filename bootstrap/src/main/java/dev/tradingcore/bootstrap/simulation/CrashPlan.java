package dev.tradingcore.bootstrap.simulation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Random;

/**
 * When the core dies: armed with a number of port calls, it lets that many through and then kills the process at the
 * next one, before the call or just after it (the store committed, the broker executed, and nobody heard the answer).
 * Every port of the core (store and broker) goes through {@link #wrap}, so a crash can land between any two steps of
 * any use case, including start-up recovery.
 */
final class CrashPlan {

    private final Random random;
    private long countdown = -1;
    private boolean afterCall;
    private int crashes;
    private String lastCrash = "";

    CrashPlan(Random random) {
        this.random = random;
    }

    /** The process dies within the next {@code withinCalls} port calls. */
    void arm(int withinCalls) {
        countdown = 1 + random.nextInt(Math.max(1, withinCalls));
        afterCall = random.nextBoolean();
    }

    void disarm() {
        countdown = -1;
    }

    boolean armed() {
        return countdown > 0;
    }

    int crashes() {
        return crashes;
    }

    String lastCrash() {
        return lastCrash;
    }

    /** {@code port} seen through a proxy that may die before or after any call of {@code implementation}. */
    <T> T wrap(Class<T> port, T implementation) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> port.getSimpleName() + " (crashable) over " + implementation;
                };
            }
            String where = port.getSimpleName() + "." + method.getName();
            boolean dies = countdown > 0 && --countdown == 0;
            if (dies && !afterCall) {
                die("before " + where);
            }
            Object result;
            try {
                result = method.invoke(implementation, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (dies) {
                die("after " + where);
            }
            return result;
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    private void die(String where) {
        countdown = -1;
        crashes++;
        lastCrash = where;
        throw new SimulatedCrash(where);
    }
}
