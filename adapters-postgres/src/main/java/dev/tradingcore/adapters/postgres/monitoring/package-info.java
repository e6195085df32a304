/** How PostgreSQL answers the health checks and the metrics: its statistics views, its data directory's disk. */
package dev.tradingcore.adapters.postgres.monitoring;
