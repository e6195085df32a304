package dev.tradingcore.application.port.in;

import dev.tradingcore.domain.risk.RiskSnapshot;

/** Computes the portfolio's risk figures now and saves them as a snapshot. */
public interface SnapshotRisk {

    RiskSnapshot snapshot();
}
