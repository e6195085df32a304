/** Reconciliation: making our positions and orders agree with the broker's, which are the source of truth. */
package dev.tradingcore.domain.reconciliation;
