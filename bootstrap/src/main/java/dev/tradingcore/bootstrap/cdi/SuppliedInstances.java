package dev.tradingcore.bootstrap.cdi;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands the container objects made outside it: the validated settings, the clock, and the adapters an embedding
 * application brings (its broker, its alert sink). Each becomes a singleton bean of exactly the given type.
 * Settings are read before CDI starts, so that a configuration error is reported plainly rather than as a
 * deployment failure.
 */
public final class SuppliedInstances implements Extension {

    private final Map<Class<?>, Object> instances = new LinkedHashMap<>();

    /** Adds {@code instance} as the bean of {@code type}. */
    public <T> SuppliedInstances with(Class<T> type, T instance) {
        instances.put(type, type.cast(instance));
        return this;
    }

    void register(@Observes AfterBeanDiscovery event) {
        instances.forEach((type, instance) -> event.addBean().types(type, Object.class).scope(Singleton.class)
                .createWith(context -> instance));
    }
}
