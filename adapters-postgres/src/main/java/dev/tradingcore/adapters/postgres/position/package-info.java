/** Positions on PostgreSQL: one row per symbol, flat ones kept, exact amounts beside the rounded ones. */
package dev.tradingcore.adapters.postgres.position;
