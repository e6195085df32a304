package dev.tradingcore.archfixtures.floatingpoint.domain.position;

/** Violates noFloatingPointInDomain: a record component is a field too. */
public record FloatRecord(float ratio) {}
