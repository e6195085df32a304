package dev.tradingcore.archfixtures.strayclass.adapters;

/** Violates everyClassBelongsToAModule: the adapters package itself is no module. */
public final class Shared {
    private Shared() {}
}
