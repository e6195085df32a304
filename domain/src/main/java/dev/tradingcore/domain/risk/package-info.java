/** Risk: what the portfolio is worth and exposed to, what it could lose, and the limits orders must respect. */
package dev.tradingcore.domain.risk;
