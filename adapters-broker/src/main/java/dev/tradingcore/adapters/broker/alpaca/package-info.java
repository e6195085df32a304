/** The broker port over the Alpaca Trader API v2: JDK HTTP client, Jackson, status and error mapping. */
package dev.tradingcore.adapters.broker.alpaca;
