/** Use cases: they orchestrate the domain through its ports and hold no business rule of their own. */
package dev.tradingcore.application;
