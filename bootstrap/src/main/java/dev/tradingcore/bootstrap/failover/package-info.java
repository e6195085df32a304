/** What the core does when its database server changes under it: a failover to a promoted replica. */
package dev.tradingcore.bootstrap.failover;
