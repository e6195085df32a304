/**
 * The seeded simulation of the whole core under a hostile broker and crashes: one random source per session drives
 * the strategy, the market, the broker's faults, the crashes and the clock, so that a failing seed replays exactly;
 * each session is checked against the broker's truth. {@code trading-core simulate} runs it for long soaks;
 * the tests run a CI-sized slice.
 */
package dev.tradingcore.bootstrap.simulation;
