/** Applying broker executions: journal first, cache after commit, alerts for anything unclean. */
package dev.tradingcore.application.fill;
