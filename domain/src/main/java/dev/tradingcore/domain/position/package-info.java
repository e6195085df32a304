/** Positions: the signed quantity held per symbol, its cost, and the P&amp;L realized and open on it. */
package dev.tradingcore.domain.position;
