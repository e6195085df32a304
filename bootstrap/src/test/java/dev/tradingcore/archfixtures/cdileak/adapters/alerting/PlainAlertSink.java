package dev.tradingcore.archfixtures.cdileak.adapters.alerting;

/** Spared: an adapter without CDI, wired by a bootstrap producer. */
public class PlainAlertSink {}
