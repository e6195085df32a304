/** System state the use cases consult on the hot path: the trading switch and the risk limits. */
package dev.tradingcore.application.state;
