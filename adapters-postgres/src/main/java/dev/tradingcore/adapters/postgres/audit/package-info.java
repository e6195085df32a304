/** The audit trail on PostgreSQL: appended, never changed, many rows per round trip, read per order. */
package dev.tradingcore.adapters.postgres.audit;
