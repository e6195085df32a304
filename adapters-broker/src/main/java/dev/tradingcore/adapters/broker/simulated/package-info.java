/**
 * A deterministic exchange for a seed: prices, matching, an account and positions, used in-process behind the broker
 * port and by the standalone paper exchange.
 */
package dev.tradingcore.adapters.broker.simulated;
