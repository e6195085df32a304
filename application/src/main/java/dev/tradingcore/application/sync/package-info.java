/** Keeping up with the broker while running: polling its fills and the status of our open orders. */
package dev.tradingcore.application.sync;
