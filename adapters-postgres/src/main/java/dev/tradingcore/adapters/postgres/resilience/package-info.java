/** Database fault handling: failure classification, a circuit breaker and retries around every port call. */
package dev.tradingcore.adapters.postgres.resilience;
