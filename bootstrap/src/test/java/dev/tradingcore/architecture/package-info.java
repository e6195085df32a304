/** The ArchUnit suite: the hexagon's rules, their proof on fixture projects, and their verdict on production code. */
package dev.tradingcore.architecture;
