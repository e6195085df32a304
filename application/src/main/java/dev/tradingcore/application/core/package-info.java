/** The core's use cases assembled from its ports, without a container. */
package dev.tradingcore.application.core;
