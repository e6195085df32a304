/** Prices seen in the market, cached to value positions and to spare broker calls. */
package dev.tradingcore.domain.marketdata;
