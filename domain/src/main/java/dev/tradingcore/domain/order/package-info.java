/** Orders and their enforced lifecycle: what was asked of the broker, what it answered and what was filled. */
package dev.tradingcore.domain.order;
