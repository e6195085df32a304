package dev.tradingcore.archfixtures.strayclass;

/** Violates everyClassBelongsToAModule: a class directly in the root package. */
public final class Constants {
    private Constants() {}
}
