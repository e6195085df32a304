package dev.tradingcore.archfixtures.applicationcoupled.application;

import jakarta.inject.Inject;

/** Violates applicationDependsOnlyOnDomain: CDI annotations in a use case. */
public final class InjectedUseCase {
    @Inject
    public InjectedUseCase() {}
}
