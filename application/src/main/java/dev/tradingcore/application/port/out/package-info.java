/** Outbound ports the application itself defines (those of the domain live in {@code domain.port}). */
package dev.tradingcore.application.port.out;
