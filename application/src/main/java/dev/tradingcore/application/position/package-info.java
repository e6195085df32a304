/** The write-through position cache: every position in memory, newest committed state per symbol. */
package dev.tradingcore.application.position;
