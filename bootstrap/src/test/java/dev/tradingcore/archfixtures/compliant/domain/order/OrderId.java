package dev.tradingcore.archfixtures.compliant.domain.order;

/** Compliant: a value record. */
public record OrderId(String value) {}
