/** The report's renderings: HTML with inline SVG charts, and CSV. Pure functions of a {@code TradingDay}. */
package dev.tradingcore.application.report.render;
