package dev.tradingcore.archfixtures.concreteport.domain.order;

/** Spared: a concrete class outside port packages. */
public final class OrderService {}
