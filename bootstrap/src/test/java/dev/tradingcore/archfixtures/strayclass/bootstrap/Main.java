package dev.tradingcore.archfixtures.strayclass.bootstrap;

/** Spared: inside bootstrap. */
public final class Main {
    private Main() {}
}
