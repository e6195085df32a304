/** Inbound ports: what an embedding trading application, the command line or a broker stream calls. */
package dev.tradingcore.application.port.in;
