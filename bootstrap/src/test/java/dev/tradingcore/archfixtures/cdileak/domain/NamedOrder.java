package dev.tradingcore.archfixtures.cdileak.domain;

import jakarta.inject.Named;

/** Violates cdiOnlyInBootstrap: a CDI qualifier on a domain type. */
@Named("order")
public final class NamedOrder {}
