package dev.tradingcore.bootstrap.cli;

import dev.tradingcore.adapters.alerting.LoggingAlertSink;
import dev.tradingcore.adapters.postgres.audit.seal.AuditExport;
import dev.tradingcore.adapters.postgres.audit.seal.ExportFileVerification;
import dev.tradingcore.adapters.postgres.audit.seal.PostgresAuditVerification;
import dev.tradingcore.adapters.postgres.audit.seal.VerificationReport;
import dev.tradingcore.adapters.postgres.schema.SchemaMigrator;
import dev.tradingcore.bootstrap.cdi.CoreContainer;
import dev.tradingcore.bootstrap.config.ConfigurationException;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.audit.seal.AuditDigest;
import dev.tradingcore.domain.audit.seal.AuditSealer;
import dev.tradingcore.domain.audit.seal.Finding;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The tamper-evident audit trail: verify it, print its digest, export it for an auditor, seal it now. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The tamper-evident audit trail (docs/operations.md, \"The audit chain\").",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Digest.class, AuditCommand.Export.class,
            AuditCommand.Seal.class})
final class AuditCommand implements Runnable {

    /** Exit status of verify: the log does not match what was sealed. */
    static final int TAMPERED = 1;
    /** Exit status of verify: nothing could be checked (usage, configuration, database, file). */
    static final int COULD_NOT_CHECK = 2;

    @ParentCommand
    TradingCoreCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Settings settings() {
        return parent.config.load();
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Recompute every row, Merkle root and block hash of the audit log (or of --file, an"
                + " export) and report the first row or block that does not match.",
                "Exit status: 0 intact, 1 tampered, 2 could not check."})
    static final class Verify implements Callable<Integer> {

        @ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", paramLabel = "T", description = "Only the blocks holding rows from T (ISO-8601)")
        Instant from;

        @Option(names = "--to", paramLabel = "T", description = "Only the blocks holding rows up to T (ISO-8601)")
        Instant to;

        @Option(names = "--digest", paramLabel = "BLOCK:HASH",
                description = "A digest kept earlier (audit digest): prove the log still holds everything up to it")
        String digest;

        @Option(names = "--file", paramLabel = "FILE", description = "Verify an export instead of the database")
        Path file;

        @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "A progress bar on stderr on long runs (default: on; on a terminal only, else a line"
                        + " every 10 s)")
        boolean progress;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<AuditDigest> kept;
            try {
                kept = Optional.ofNullable(digest).map(AuditDigest::parse);
            } catch (IllegalArgumentException e) {
                return couldNotCheck(err, "--digest: " + e.getMessage());
            }
            if (from != null && to != null && from.isAfter(to)) {
                return couldNotCheck(err, "--from " + from + " is after --to " + to);
            }
            if (file != null) {
                return verifyFile(out, err, kept);
            }
            Clock clock = Clock.systemUTC();
            try (CoreContainer container = CoreContainer.database(audit.settings(), new LoggingAlertSink(), clock)) {
                container.get(SchemaMigrator.class).migrateIfBehind();
                ProgressBar bar = new ProgressBar(err, progress, clock);
                VerificationReport report = container.get(PostgresAuditVerification.class).verify(
                        Optional.ofNullable(from), Optional.ofNullable(to), kept, clock.instant(), bar);
                bar.done();
                return print(out, report, kept);
            } catch (ConfigurationException e) {
                return couldNotCheck(err, "configuration error: " + TradingCoreCommand.oneLine(e.getMessage()));
            } catch (Exception e) {
                return couldNotCheck(err, TradingCoreCommand.describe(e));
            }
        }

        private int verifyFile(PrintWriter out, PrintWriter err, Optional<AuditDigest> kept) {
            if (!Files.isRegularFile(file)) {
                return couldNotCheck(err, "--file " + file + " does not exist");
            }
            ExportFileVerification.Result result;
            try {
                result = new ExportFileVerification().verify(file, kept);
            } catch (ExportFileVerification.NotAnExport e) {
                return couldNotCheck(err, e.getMessage());
            }
            out.printf("export %s: %d blocks, %d rows (%d in the range exported), newest block %s%n", file,
                    result.blocks(), result.rows(), result.rowsInRange(), result.newestDigest());
            return findings(out, result.findings(), kept);
        }

        private int print(PrintWriter out, VerificationReport r, Optional<AuditDigest> kept) {
            out.printf("audit chain: %d blocks, newest %s%n", r.blocks(),
                    r.newest().map(b -> b.digest().toString()).orElse("none (nothing sealed yet)"));
            out.printf("rows: %d checked in %d blocks in %.1f s (%,d rows/s); %d newer rows not sealed yet%n",
                    r.rows(), r.blocksChecked(), r.took().toMillis() / 1000.0, r.rowsPerSecond(), r.pending());
            r.retired().forEach(m -> out.printf("retention: %s dropped (blocks %d..%d, %d rows); the blocks' hashes"
                    + " remain in the chain%n", m.month(), m.firstBlock(), m.lastBlock(), m.rows()));
            return findings(out, r.findings(), kept);
        }

        private static int findings(PrintWriter out, List<Finding> findings, Optional<AuditDigest> kept) {
            if (findings.isEmpty()) {
                out.println(kept.map(d -> "intact: the log holds, unchanged, everything up to block "
                        + d.blockNumber() + " of the digest").orElse("intact"));
                out.flush();
                return 0;
            }
            out.println("TAMPERED: " + findings.get(0).message());
            int shown = Math.min(findings.size(), 20);
            for (int i = 1; i < shown; i++) {
                out.println("  also: " + findings.get(i).message());
            }
            if (findings.size() > shown) {
                out.println("  and " + (findings.size() - shown) + " more");
            }
            out.flush();
            return TAMPERED;
        }

        private int couldNotCheck(PrintWriter err, String why) {
            err.println(spec.qualifiedName() + ": could not check: " + why);
            err.flush();
            return COULD_NOT_CHECK;
        }
    }

    @Command(name = "digest", mixinStandardHelpOptions = true,
            description = {"Print the newest sealed block's number and hash (BLOCK:HASH). Keep it outside the"
                + " database; 'audit verify --digest' proves later that the log still holds everything up to it.",
                "Exit status: 0 printed, 2 bad usage or configuration, 3 failed (also: nothing sealed yet)."})
    static final class Digest implements Callable<Integer> {

        @ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (CoreContainer container = CoreContainer.database(audit.settings(), new LoggingAlertSink(),
                    Clock.systemUTC())) {
                container.get(SchemaMigrator.class).migrateIfBehind();
                Optional<AuditDigest> digest = container.get(AuditSealer.class).newestDigest();
                if (digest.isEmpty()) {
                    spec.commandLine().getErr().println(spec.qualifiedName() + ": nothing sealed yet (a running core"
                            + " seals every few seconds; 'audit seal' seals now)");
                    return TradingCoreCommand.FAILED;
                }
                spec.commandLine().getOut().println(digest.get());
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write the audit rows of a time range, whole blocks with their Merkle proofs and the chain"
                + " up to the newest block, to a file a third party verifies without the database"
                + " (docs/operations.md); 'audit verify --file FILE' does it.",
                "Exit status: 0 written, 1 the log does not verify (nothing written), 2 bad usage or configuration,"
                + " 3 failed."})
    static final class Export implements Callable<Integer> {

        @ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", paramLabel = "T", required = true, description = "From this instant (ISO-8601)")
        Instant from;

        @Option(names = "--to", paramLabel = "T", required = true, description = "Up to this instant (ISO-8601)")
        Instant to;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (from.isAfter(to)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from " + from + " is after --to "
                        + to);
            }
            Clock clock = Clock.systemUTC();
            try (CoreContainer container = CoreContainer.database(audit.settings(), new LoggingAlertSink(), clock)) {
                container.get(SchemaMigrator.class).migrateIfBehind();
                AuditExport.Written written;
                try {
                    written = container.get(AuditExport.class).export(from, to, out, clock.instant());
                } catch (AuditExport.BlockDoesNotVerify refused) {
                    spec.commandLine().getErr().println(spec.qualifiedName() + ": nothing written: "
                            + refused.getMessage());
                    return TAMPERED;
                }
                PrintWriter o = spec.commandLine().getOut();
                o.printf("wrote %s: %d rows in the range, %d rows of %d blocks in all, chain up to %s%n", out,
                        written.rowsInRange(), written.rows(), written.blocks(), written.newest().digest());
                o.flush();
                return 0;
            }
        }
    }

    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = {"Seal now the audit rows written since the last block (a running core does it every few"
                + " seconds; this is for a log written while no core ran).",
                "Exit status: 0 done, 2 bad usage or configuration, 3 failed."})
    static final class Seal implements Callable<Integer> {

        @ParentCommand
        AuditCommand audit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (CoreContainer container = CoreContainer.database(audit.settings(), new LoggingAlertSink(),
                    Clock.systemUTC())) {
                container.get(SchemaMigrator.class).migrateIfBehind();
                AuditSealer sealer = container.get(AuditSealer.class);
                long blocks = 0;
                long rows = 0;
                // Two rounds at least: the second settles the horizon the first observed.
                for (int round = 0; round < 1000; round++) {
                    List<SealedBlock> sealed = sealer.sealPending();
                    blocks += sealed.size();
                    rows += sealed.stream().mapToLong(SealedBlock::rowCount).sum();
                    if (sealed.isEmpty() && round >= 1) {
                        break;
                    }
                }
                PrintWriter o = spec.commandLine().getOut();
                o.printf("sealed %d rows in %d blocks; newest %s%n", rows, blocks,
                        sealer.newestDigest().map(AuditDigest::toString).orElse("none"));
                o.flush();
                return 0;
            }
        }
    }
}
