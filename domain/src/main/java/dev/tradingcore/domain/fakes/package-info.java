/**
 * Every persistence port in memory, with PostgreSQL's semantics and held to the same contract tests as the PostgreSQL
 * adapter: what the simulator runs the core on (thousands of sessions a minute) and what unit tests use. Main code,
 * not test code, because {@code trading-core simulate} ships them.
 */
package dev.tradingcore.domain.fakes;
