/** The paper exchange: the simulation served over HTTP in the shapes of the Alpaca Trader API v2. */
package dev.tradingcore.adapters.broker.paper;
