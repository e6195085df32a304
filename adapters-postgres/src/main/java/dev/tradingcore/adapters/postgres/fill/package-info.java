/** The fill journal on PostgreSQL: trade, position, order and audit line in one transaction, exactly once. */
package dev.tradingcore.adapters.postgres.fill;
