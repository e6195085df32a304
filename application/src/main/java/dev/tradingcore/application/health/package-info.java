/**
 * What the core checks about its own health (the design's thresholds) and how a finding becomes one incident: the
 * checks read the database through ports ({@code DatabaseActivity}, {@code DiskSpace}, {@code PoolUsage}) that
 * adapters-postgres implements.
 */
package dev.tradingcore.application.health;
