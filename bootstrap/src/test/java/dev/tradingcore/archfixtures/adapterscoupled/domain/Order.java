package dev.tradingcore.archfixtures.adapterscoupled.domain;

/** Spared: a domain type. */
public record Order(String id) {}
