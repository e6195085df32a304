/** Trades on PostgreSQL: reads that prune partitions, and the insert that the fill journal and bulk ingest share. */
package dev.tradingcore.adapters.postgres.trade;
