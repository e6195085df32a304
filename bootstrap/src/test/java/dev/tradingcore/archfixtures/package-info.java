/**
 * Small projects laid out like trading-core ({@code <case>.domain}, {@code <case>.application},
 * {@code <case>.adapters.*}, {@code <case>.bootstrap}), one per architecture rule, that the rules must reject, and
 * {@code compliant}, which every rule must accept. Test classes only: the production suite never imports them.
 */
package dev.tradingcore.archfixtures;
