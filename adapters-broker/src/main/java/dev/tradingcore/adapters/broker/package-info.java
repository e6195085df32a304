/** Broker adapters: the deterministic simulation (in-process and as a paper exchange) and the Alpaca REST adapter. */
package dev.tradingcore.adapters.broker;
