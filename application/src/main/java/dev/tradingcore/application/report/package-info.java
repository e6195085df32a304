/** The post-market report of the design's daily operations: the day read through its port, written as HTML and CSV. */
package dev.tradingcore.application.report;
