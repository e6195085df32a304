package dev.tradingcore.archfixtures.applicationcoupled.bootstrap;

/** Spared: bootstrap configuration. */
public record Settings(String url) {}
