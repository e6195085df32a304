/**
 * The asynchronous audit logger for background events: bounded, batched, back-pressured, flushed on shutdown.
 * Business events (fills, order changes) do not go through it: they are written in their own transaction.
 */
package dev.tradingcore.application.audit;
