package dev.tradingcore.archfixtures.strayclass.adapters.broker;

/** Spared: inside an adapter module. */
public final class SimulatedBroker {}
