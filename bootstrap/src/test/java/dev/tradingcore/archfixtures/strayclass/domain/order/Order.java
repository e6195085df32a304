package dev.tradingcore.archfixtures.strayclass.domain.order;

/** Spared: inside the domain module. */
public record Order(String id) {}
