package dev.spillway.samples.server;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The server's command line, declared for picocli: which options exist, their parameter labels,
 * their descriptions and their defaults (each field starts as the default's text, which the usage
 * shows). Picocli finds the options (as {@code --name value} or {@code --name=value}), refuses
 * unknown and repeated ones, and converts durations with {@link DurationFlag} (the shared grammar,
 * a bare number in milliseconds); {@link ServerOptions#parse} converts the other values and checks
 * their ranges, so that every message follows the project's one style.
 */
@Command(
    name = "java -jar spillway-sample-targets.jar",
    sortOptions = false,
    abbreviateSynopsis = true,
    usageHelpWidth = 100,
    description = {
      "Serves the sample designs over HTTP: POST /designs/{design}/events?key=K,",
      "GET /metrics (Prometheus text), GET /metrics.json, GET /health.",
      ""
    })
final class ServerCommand {

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "TCP port, 0-65535; 0 picks a free one (default ${DEFAULT-VALUE})")
  String port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "address to listen on (default ${DEFAULT-VALUE})")
  String bind;

  @Option(
      names = "--service-time",
      paramLabel = "DURATION",
      converter = DurationFlag.ServiceTime.class,
      description =
          "time the consumer takes per message, from 1ns: 5ms, 250us, 1s (default"
              + " ${DEFAULT-VALUE})")
  Duration serviceTime;

  @Option(
      names = "--work",
      paramLabel = "sleep|cpu",
      description =
          "how the consumer spends it: sleep (waits, like a call to another service) or cpu (burns"
              + " that much CPU time, so a CPU quota slows it down) (default ${DEFAULT-VALUE})")
  String work;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description =
          "partitioned design's partitions, balancer's and free-for-all's workers, 1-1024"
              + " (default: cores = ${DEFAULT-VALUE})")
  String partitions;

  @Option(
      names = "--bound",
      paramLabel = "N",
      description =
          "bounded design's capacity and drop-oldest's buffer, 1-2147483647 (default"
              + " ${DEFAULT-VALUE})")
  String bound;

  @Option(
      names = "--sentinel-enable",
      paramLabel = "N",
      description = "sentinel fires when a queue reaches N, > disable (default ${DEFAULT-VALUE})")
  String sentinelEnable;

  @Option(
      names = "--sentinel-disable",
      paramLabel = "N",
      description = "...and re-arms when it falls to N, >= 0 (default ${DEFAULT-VALUE})")
  String sentinelDisable;

  @Option(
      names = "--mitigation",
      paramLabel = "MODE",
      description = "shed | restart | alert (default ${DEFAULT-VALUE})")
  String mitigation;

  @Option(
      names = "--downstream",
      paramLabel = "URL",
      description =
          "POST each message to this http(s) URL instead of handling it in-process (default:"
              + " in-process)")
  String downstream;

  @Option(
      names = "--handler-threads",
      paramLabel = "N",
      description = "threads serving HTTP requests, 1-1024 (default ${DEFAULT-VALUE})")
  String handlerThreads;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description =
          "connections served at once, 1-100000; more are answered 503 (default ${DEFAULT-VALUE})")
  String maxConnections;

  @Option(
      names = "--idle-timeout",
      paramLabel = "DURATION",
      converter = DurationFlag.Timeout.class,
      description =
          "close a connection that starts no request for this long, 1ms-1h (default"
              + " ${DEFAULT-VALUE})")
  Duration idleTimeout;

  @Option(
      names = "--header-timeout",
      paramLabel = "DURATION",
      converter = DurationFlag.Timeout.class,
      description =
          "answer 408 to a request head not complete this long after its first byte, 1ms-1h"
              + " (default ${DEFAULT-VALUE})")
  Duration headerTimeout;

  @Option(
      names = "--body-timeout",
      paramLabel = "DURATION",
      converter = DurationFlag.Timeout.class,
      description =
          "answer 408 to a request body not complete this long after its head, 1ms-1h (default"
              + " ${DEFAULT-VALUE})")
  Duration bodyTimeout;

  @Option(
      names = "--write-timeout",
      paramLabel = "DURATION",
      converter = DurationFlag.Timeout.class,
      description =
          "close a connection whose client does not read its response for this long, 1ms-1h"
              + " (default ${DEFAULT-VALUE})")
  Duration writeTimeout;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "print this and exit")
  boolean help;

  /** The durations' defaults as text, which picocli converts like a value given by a user. */
  private final Map<String, String> durationDefaults = new HashMap<>();

  /** A command line whose fields start at {@code defaults}. */
  ServerCommand(ServerOptions defaults) {
    durationDefaults.put("--service-time", defaultText(defaults.serviceTime()));
    port = Integer.toString(defaults.port());
    bind = defaults.bindAddress().getHostAddress();
    work = defaults.work().name().toLowerCase(java.util.Locale.ROOT);
    partitions = Integer.toString(defaults.partitions());
    bound = Integer.toString(defaults.bound());
    sentinelEnable = Integer.toString(defaults.sentinelEnable());
    sentinelDisable = Integer.toString(defaults.sentinelDisable());
    mitigation = defaults.mitigation().name().toLowerCase(java.util.Locale.ROOT);
    handlerThreads = Integer.toString(defaults.handlerThreads());
    HttpLimits l = defaults.limits();
    maxConnections = Integer.toString(l.maxConnections());
    durationDefaults.put("--idle-timeout", defaultText(l.idleTimeout()));
    durationDefaults.put("--header-timeout", defaultText(l.headerTimeout()));
    durationDefaults.put("--body-timeout", defaultText(l.bodyTimeout()));
    durationDefaults.put("--write-timeout", defaultText(l.writeTimeout()));
  }

  /**
   * A default's human form ({@code "5 ms"}), which the usage shows and picocli parses back; that
   * form rounds, so a default that it would not give back exactly is a programming error.
   */
  private static String defaultText(Duration d) {
    String text = Durations.format(d);
    if (!Durations.parse(text).equals(Optional.of(d))) {
      throw new IllegalStateException(
          "a duration default must read back exactly from its human form, but was " + text);
    }
    return text;
  }

  /** Reads {@code args} into this command's fields, or says in one line what is wrong. */
  void read(String... args) {
    CommandLine line = commandLine();
    try {
      line.parseArgs(args);
    } catch (UnmatchedArgumentException e) {
      List<String> unmatched = e.getUnmatched();
      String first = unmatched.isEmpty() ? "" : unmatched.get(0);
      if (first.startsWith("-")) {
        int eq = first.indexOf('=');
        String name = eq > 0 ? first.substring(0, eq) : first;
        throw new IllegalArgumentException(
            "unknown option '" + name + "': the options are " + names(line), e);
      }
      throw new IllegalArgumentException(
          "unexpected argument '" + first + "': the options are " + names(line), e);
    } catch (OverwrittenOptionException e) {
      String name = ((OptionSpec) e.getOverwritten()).longestName();
      throw new IllegalArgumentException(
          name + " must be given at most once, but was given more than once", e);
    } catch (MissingParameterException e) {
      String name =
          e.getMissing().stream()
              .filter(OptionSpec.class::isInstance)
              .map(s -> ((OptionSpec) s).longestName())
              .findFirst()
              .orElse("an option");
      throw new IllegalArgumentException(name + " must be followed by a value", e);
    } catch (ParameterException e) {
      if (e.getCause() instanceof TypeConversionException t
          && e.getArgSpec() instanceof OptionSpec o) {
        throw new IllegalArgumentException(
            o.longestName() + " must be " + t.getMessage() + ", but was '" + e.getValue() + "'", e);
      }
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The usage text, with every option, its parameter and its default. */
  String usage() {
    return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing();
  }

  private CommandLine commandLine() {
    return new CommandLine(this)
        // an argument starting with @ is a value here, never a file of arguments
        .setExpandAtFiles(false)
        .setDefaultValueProvider(
            spec -> spec instanceof OptionSpec o ? durationDefaults.get(o.longestName()) : null);
  }

  private static String names(CommandLine line) {
    return line.getCommandSpec().options().stream()
        .map(OptionSpec::longestName)
        .collect(Collectors.joining(", "));
  }
}
