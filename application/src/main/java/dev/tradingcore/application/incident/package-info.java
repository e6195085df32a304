/** One alert per incident: raised once, counted while it lasts, resolved once. */
package dev.tradingcore.application.incident;
