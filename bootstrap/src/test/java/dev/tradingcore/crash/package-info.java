/** The crash test: the core as a separate JVM, killed with SIGKILL mid-burst, checked against the paper exchange. */
package dev.tradingcore.crash;
