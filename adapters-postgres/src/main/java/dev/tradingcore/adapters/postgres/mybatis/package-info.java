/** MyBatis set-up shared by every repository: the session factory and the type handlers. */
package dev.tradingcore.adapters.postgres.mybatis;
