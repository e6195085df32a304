/** Weld SE with discovery off: producers that wire adapters to ports explicitly. */
package dev.tradingcore.bootstrap.cdi;
