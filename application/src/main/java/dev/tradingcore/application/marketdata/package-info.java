/** Prices: marking positions, the batched market data cache, the stored marks. */
package dev.tradingcore.application.marketdata;
