package dev.tradingcore.archfixtures.applicationcoupled.domain;

/** Spared: a domain type. */
public record Order(String id) {}
