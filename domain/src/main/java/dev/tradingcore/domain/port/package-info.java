/** Outbound ports with no aggregate of their own: the broker and the alert channel, with the values they speak. */
package dev.tradingcore.domain.port;
