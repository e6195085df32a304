package dev.tradingcore.application.port.in;

/**
 * Start-up recovery, run before any new order is accepted (and by the {@code reconcile-only} command): load the
 * positions into the cache, settle the orders left in intermediate states and record the fills missed while the core
 * was down, then reconcile positions with the broker and record when they last matched.
 */
public interface RecoverAtStartup {

    RecoveryReport recover();
}
