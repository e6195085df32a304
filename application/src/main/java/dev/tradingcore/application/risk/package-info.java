/** Risk figures the use cases need: today's P&L for the loss limit, periodic risk snapshots. */
package dev.tradingcore.application.risk;
