/**
 * Start-up recovery: settling orders left in intermediate states, recording missed fills, reconciling positions with
 * the broker, in that order (see docs/design-notes.md, Recovery).
 */
package dev.tradingcore.application.recovery;
