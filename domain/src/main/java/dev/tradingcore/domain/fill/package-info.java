/** The ledger of fills: recording one execution and its effects on position and order, exactly once. */
package dev.tradingcore.domain.fill;
