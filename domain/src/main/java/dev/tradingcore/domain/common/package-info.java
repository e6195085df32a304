/** Shared exact values every trading rule speaks in: symbols, quantities, prices, money and rejections. */
package dev.tradingcore.domain.common;
