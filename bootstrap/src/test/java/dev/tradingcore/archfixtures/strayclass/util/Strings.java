package dev.tradingcore.archfixtures.strayclass.util;

/** Violates everyClassBelongsToAModule: a utility package that no rule knows about. */
public final class Strings {
    private Strings() {}
}
