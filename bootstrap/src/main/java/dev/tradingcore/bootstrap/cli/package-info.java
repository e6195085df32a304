/** The picocli command line: migrate, status, maintain-partitions and (later) run, reconcile-only, bench. */
package dev.tradingcore.bootstrap.cli;
