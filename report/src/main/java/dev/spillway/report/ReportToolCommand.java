package dev.spillway.report;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@link ReportTool}'s command line, declared for picocli: the options, their descriptions and the
 * usage text. Picocli finds the options and refuses unknown and repeated ones and missing values;
 * {@link #parse} then checks which options go together, and words every refusal in the project's
 * one style, naming the option, the value and what is allowed.
 *
 * <p>Not thread-safe: one parse per instance.
 */
@Command(
    name = "ReportTool",
    separator = " ",
    sortOptions = false,
    usageHelpWidth = 100,
    synopsisHeading = "",
    customSynopsis = {
      "usage: ReportTool [--results DIR]... [--report DIR]",
      "                  [--baseline FILE (--check [--write-if-missing] [--allow-new]"
          + " [--allow-missing]",
      "                                   [--verbose] | --write [--prune])]"
    },
    footer = "exit status: 0 passed, 1 gate failed or a file could not be used, 2 usage error")
final class ReportToolCommand {

  @Option(
      names = "--results",
      paramLabel = "DIR",
      converter = NonBlankPath.class,
      description = {
        "run results (*.json) or a report directory holding runs/; repeatable;",
        "default " + ReportTool.DEFAULT_REPORT
      })
  List<Path> results = new ArrayList<>();

  @Option(
      names = "--report",
      paramLabel = "DIR",
      converter = NonBlankPath.class,
      description = "import the results into the report in DIR and rebuild its index.html")
  Path report;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      converter = NonBlankPath.class,
      description = "the baseline file (spillway.baseline/1)")
  Path baseline;

  @Option(
      names = "--check",
      description = "compare the results with the baseline; exit 1 on a regression")
  boolean check;

  @Option(
      names = "--write",
      description = "(re)write the baseline from the results, keeping its tolerances")
  boolean write;

  @Option(
      names = "--write-if-missing",
      description = "with --check: write the baseline when FILE does not exist (first run)")
  boolean writeIfMissing;

  @Option(names = "--prune", description = "with --write: drop baseline tests that have no result")
  boolean prune;

  @Option(
      names = "--allow-new",
      description = "with --check: results missing from the baseline do not fail")
  boolean allowNew;

  @Option(
      names = "--allow-missing",
      description = "with --check: baseline tests without a result do not fail")
  boolean allowMissing;

  @Option(names = "--verbose", description = "with --check: print every compared figure")
  boolean verbose;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print this text")
  boolean help;

  /**
   * Parses {@code args} and checks which options go together.
   *
   * @throws IllegalArgumentException naming the option, the value and what is allowed
   */
  static ReportToolCommand parse(String... args) {
    ReportToolCommand c = new ReportToolCommand();
    CommandLine line = commandLine(c);
    try {
      line.parseArgs(args);
    } catch (ParameterException e) {
      throw new IllegalArgumentException(reason(e, line), e);
    }
    if (!c.help) {
      c.checkCombination();
    }
    return c;
  }

  /** The usage text: the synopsis, one line per option, the exit status. */
  static String usage() {
    return commandLine(new ReportToolCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static CommandLine commandLine(ReportToolCommand c) {
    // an argument starting with @ is a path here, never a file of arguments
    return new CommandLine(c).setExpandAtFiles(false);
  }

  private void checkCombination() {
    if (check && write) {
      throw new IllegalArgumentException(
          "--check and --write exclude each other: give one of them");
    }
    if ((check || write) && baseline == null) {
      throw new IllegalArgumentException(
          (check ? "--check" : "--write") + " needs --baseline FILE");
    }
    if (baseline != null && !check && !write) {
      throw new IllegalArgumentException("--baseline " + baseline + " needs --check or --write");
    }
    List<String> checkOnly = new ArrayList<>();
    if (writeIfMissing) {
      checkOnly.add("--write-if-missing");
    }
    if (allowNew) {
      checkOnly.add("--allow-new");
    }
    if (allowMissing) {
      checkOnly.add("--allow-missing");
    }
    if (verbose) {
      checkOnly.add("--verbose");
    }
    if (!check && !checkOnly.isEmpty()) {
      throw new IllegalArgumentException(
          String.join(", ", checkOnly)
              + " must go with --check (--write-if-missing, --allow-new, --allow-missing and"
              + " --verbose are options of the check)");
    }
    if (prune && !write) {
      throw new IllegalArgumentException("--prune must go with --write");
    }
    if (report == null && !check && !write) {
      throw new IllegalArgumentException("nothing to do: give --report DIR, --check or --write");
    }
  }

  /** One line naming what picocli refused. */
  private static String reason(ParameterException e, CommandLine line) {
    if (e instanceof UnmatchedArgumentException u) {
      String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
      return (first.startsWith("-") ? "unknown option '" : "unexpected argument '")
          + first
          + "': the options are "
          + line.getCommandSpec().options().stream()
              .map(OptionSpec::longestName)
              .collect(Collectors.joining(", "));
    }
    if (e instanceof OverwrittenOptionException o) {
      return name(o.getOverwritten()) + " must be given at most once, but was given more than once";
    }
    if (e instanceof MissingParameterException m) {
      return m.getMissing().stream()
              .filter(OptionSpec.class::isInstance)
              .map(ReportToolCommand::name)
              .findFirst()
              .orElse("an option")
          + " must be followed by a value";
    }
    if (e.getCause() instanceof TypeConversionException t && e.getArgSpec() != null) {
      return name(e.getArgSpec())
          + " must be "
          + t.getMessage()
          + ", but was '"
          + e.getValue()
          + "'";
    }
    return e.getMessage();
  }

  private static String name(ArgSpec spec) {
    return spec instanceof OptionSpec o ? o.longestName() : spec.paramLabel();
  }

  /** A path that is not blank: an empty value is a mistake, not the working directory. */
  static final class NonBlankPath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException("a path that is not blank");
      }
      try {
        return Path.of(value);
      } catch (InvalidPathException e) {
        throw new TypeConversionException("a valid path (" + e.getReason() + ")");
      }
    }
  }
}
