/** Order use cases: submit (with the compensating cancel), cancel, broker status updates, queries. */
package dev.tradingcore.application.order;
