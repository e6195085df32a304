package dev.tradingcore.archfixtures.adapterscoupled.bootstrap;

/** Spared: bootstrap configuration. */
public record Settings(String url) {}
