/** Executions: each fill the broker reports, recorded once, and the ledger that records it atomically. */
package dev.tradingcore.domain.trade;
