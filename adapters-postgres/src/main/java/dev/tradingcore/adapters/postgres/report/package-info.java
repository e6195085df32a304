/** The post-market report's reads: plain SQL over the analytics pool (the replica when one is configured). */
package dev.tradingcore.adapters.postgres.report;
