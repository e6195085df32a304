/** The jar's entry point, compiled for Java 8: it says when the Java running it is too old. */
package dev.tradingcore.bootstrap.launcher;
