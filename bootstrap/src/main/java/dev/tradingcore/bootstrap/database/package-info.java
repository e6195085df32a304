/** Which database server trading-core uses: the configured one or the embedded default. */
package dev.tradingcore.bootstrap.database;
