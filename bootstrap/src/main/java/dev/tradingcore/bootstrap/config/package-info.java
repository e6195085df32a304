/** Configuration read from the environment, a properties file and the command line, validated once. */
package dev.tradingcore.bootstrap.config;
