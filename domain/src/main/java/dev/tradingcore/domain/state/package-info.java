/** Operational state that survives restarts: the trading switch, the risk limits, the last reconciliation. */
package dev.tradingcore.domain.state;
