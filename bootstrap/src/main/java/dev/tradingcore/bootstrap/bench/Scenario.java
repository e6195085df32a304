package dev.tradingcore.bootstrap.bench;

import java.util.List;

/** One of the bench's scenarios: measures the project's path and its baseline, and returns the table's rows. */
interface Scenario {

    /** 1 to 7, as numbered in the command's help. */
    int number();

    String name();

    List<BenchRow> run(BenchContext context) throws Exception;

    default String title() {
        return number() + " " + name();
    }
}
