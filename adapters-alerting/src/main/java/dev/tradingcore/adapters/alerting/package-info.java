/** Where alerts go: the log, a webhook, e-mail. Each sink implements the domain's AlertSink port. */
package dev.tradingcore.adapters.alerting;
