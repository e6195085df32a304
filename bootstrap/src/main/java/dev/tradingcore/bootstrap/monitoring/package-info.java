/** The design's monitoring thresholds, checked periodically and raised (once per condition) as alerts. */
package dev.tradingcore.bootstrap.monitoring;
