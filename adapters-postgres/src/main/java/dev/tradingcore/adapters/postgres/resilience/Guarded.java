package dev.tradingcore.adapters.postgres.resilience;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * Puts a port implementation behind the {@link DatabaseGuard} without a decorator per port: a dynamic proxy of the
 * port interface runs every call through the breaker, the retry and the translation of failures.
 *
 * <pre>{@code
 * PositionRepository positions = Guarded.of(PositionRepository.class, impl, guard, RetryPolicy.always());
 * }</pre>
 *
 * Default methods of the port run on the implementation, under the guard, like any other method; {@code equals},
 * {@code hashCode} and {@code toString} are answered by the proxy itself without touching the database.
 */
public final class Guarded {

    private Guarded() {}

    /** {@code implementation} seen through {@code port}, every call guarded; {@code retry} names what may rerun. */
    public static <T> T of(Class<T> port, T implementation, DatabaseGuard guard, RetryPolicy retry) {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(retry, "retry");
        if (!port.isInterface()) {
            throw new IllegalArgumentException("only an interface can be guarded, got " + port.getName());
        }
        InvocationHandler handler = new Handler(port, implementation, guard, retry);
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    private record Handler(Class<?> port, Object implementation, DatabaseGuard guard, RetryPolicy retry)
            implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "guarded " + port.getSimpleName() + " over " + implementation;
                    default -> method.invoke(implementation, args);
                };
            }
            return guard.call(() -> invokeTarget(method, args), retry.retries(method));
        }

        private Object invokeTarget(Method method, Object[] args) throws Exception {
            try {
                return method.invoke(implementation, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception exception) {
                    throw exception;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
