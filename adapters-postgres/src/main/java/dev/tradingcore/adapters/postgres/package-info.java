/** The PostgreSQL adapter: MyBatis repositories behind the domain's ports, pools, schema management. */
package dev.tradingcore.adapters.postgres;
