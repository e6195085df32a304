/** The market data cache on PostgreSQL: upserts, batched, and recent-range reads on daily partitions. */
package dev.tradingcore.adapters.postgres.marketdata;
