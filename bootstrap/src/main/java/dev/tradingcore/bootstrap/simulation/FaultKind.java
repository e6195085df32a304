package dev.tradingcore.bootstrap.simulation;

/** What the simulator does to the core, counted by kind in every report. */
enum FaultKind {
    /** A request that never reached the broker: the client timed out first. */
    TIMEOUT("timeout before the broker"),
    /** The broker executed the request and the answer was lost (timeout or connection reset). */
    ANSWER_LOST("executed, answer lost"),
    /** The broker executed the request; meanwhile the core did something else; then the answer came. */
    SLOW_ACK("slow answer, core acted meanwhile"),
    /** 401 for a streak of calls: rotated keys. */
    UNAUTHORIZED("401 streak"),
    /** 403 on a call. */
    FORBIDDEN("403"),
    /** 429 with Retry-After. */
    RATE_LIMITED("429"),
    /** 5xx before executing. */
    SERVER_ERROR("5xx"),
    /** The broker executed the request and then answered 500. */
    SERVER_ERROR_AFTER("executed, then 500"),
    /** An answer with a field bent: 9 decimal places, negative, missing, an unknown status. */
    MALFORMED("malformed or unusual field"),
    /** The same activity twice in a page. */
    DUPLICATE_ACTIVITY("duplicate activity"),
    /** A page of activities out of execution order. */
    SHUFFLED_ACTIVITIES("activities out of order"),
    /** An execution the activity feed published later than the sync's overlap. */
    LATE_PUBLICATION("fill published late"),
    /** The broker refused connections for a streak of calls (it restarted). */
    BROKER_RESTART("broker restart"),
    /** A cancel acknowledged, and the order filled before it took effect. */
    FILL_AFTER_CANCEL("fill after a cancel"),
    /** An order filled in more than one execution. */
    PARTIAL_FILL("partial fill"),
    /** A fill the stream pushed a second time, or out of order. */
    PUSHED_FILL_AGAIN("fill pushed again"),
    /** An order status the stream pushed late (older than what is recorded). */
    STALE_STATUS_PUSH("stale status pushed"),
    /** Executions of orders that are not ours, on the same account. */
    FOREIGN_FILL("fill of a foreign order"),
    /** The core process killed at a port call. */
    CORE_CRASH("core crash"),
    /** The core stopped and started cleanly. */
    CORE_RESTART("core restart");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
