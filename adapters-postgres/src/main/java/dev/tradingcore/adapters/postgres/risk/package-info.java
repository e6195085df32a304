/** Risk snapshots on PostgreSQL: append only, one per instant, the open-ended figures as exact JSON. */
package dev.tradingcore.adapters.postgres.risk;
