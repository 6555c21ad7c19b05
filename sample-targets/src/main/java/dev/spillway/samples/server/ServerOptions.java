package dev.spillway.samples.server;

import dev.spillway.samples.Designs;
import dev.spillway.samples.SentinelMitigation;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The sample-target server's settings, parsed from command-line flags and validated: every bad flag
 * is an {@link IllegalArgumentException} naming the flag, the value and what is allowed.
 *
 * @param port TCP port, 0 to 65535 (0 picks a free one)
 * @param bindAddress address to listen on; loopback by default
 * @param serviceTime how long the in-process handler takes per message
 * @param partitions the partitioned design's partition count, 1 to 1024
 * @param bound the bounded design's capacity, at least 1
 * @param sentinelEnable the sentinel-watched design's enable threshold
 * @param sentinelDisable the sentinel-watched design's disable threshold, below enable
 * @param mitigation what the sentinel does on a breach
 * @param downstream where messages are handled: empty for in-process, else an HTTP URL to POST to
 * @param handlerThreads threads that serve HTTP requests, 1 to 1024
 * @param work how the in-process consumer spends its service time: waiting (the default) or burning
 *     CPU; CPU only without a downstream URL
 */
public record ServerOptions(
    int port,
    InetAddress bindAddress,
    Duration serviceTime,
    int partitions,
    int bound,
    int sentinelEnable,
    int sentinelDisable,
    SentinelMitigation mitigation,
    Optional<URI> downstream,
    int handlerThreads,
    ServiceWork work) {

  private static final int MAX_PARTITIONS = Designs.MAX_PARTITIONS;

  /** Validates every setting. */
  public ServerOptions {
    require(port >= 0 && port <= 65535, "--port", port, "a port number from 0 to 65535");
    require(bindAddress != null, "--bind", null, "an IP address or host name");
    require(
        serviceTime != null && !serviceTime.isNegative(),
        "--service-time",
        serviceTime,
        "a duration >= 0 such as 5ms");
    require(
        partitions >= 1 && partitions <= MAX_PARTITIONS,
        "--partitions",
        partitions,
        "from 1 to " + MAX_PARTITIONS);
    require(bound >= 1, "--bound", bound, ">= 1");
    require(sentinelDisable >= 0, "--sentinel-disable", sentinelDisable, ">= 0");
    require(
        sentinelEnable > sentinelDisable,
        "--sentinel-enable",
        sentinelEnable,
        "greater than --sentinel-disable (" + sentinelDisable + ")");
    require(mitigation != null, "--mitigation", null, "one of shed, restart, alert");
    require(downstream != null, "--downstream", null, "an http:// or https:// URL");
    require(
        handlerThreads >= 1 && handlerThreads <= 1024,
        "--handler-threads",
        handlerThreads,
        "from 1 to 1024");
    require(work != null, "--work", null, "sleep or cpu");
    require(
        work == ServiceWork.SLEEP || downstream.isEmpty(),
        "--work",
        "cpu with --downstream " + downstream.map(URI::toString).orElse(""),
        "sleep when --downstream is given (CPU work is the in-process consumer's)");
  }

  /**
   * The settings with a consumer that waits for its service time ({@link ServiceWork#SLEEP}), as
   * before {@code --work} existed.
   */
  public ServerOptions(
      int port,
      InetAddress bindAddress,
      Duration serviceTime,
      int partitions,
      int bound,
      int sentinelEnable,
      int sentinelDisable,
      SentinelMitigation mitigation,
      Optional<URI> downstream,
      int handlerThreads) {
    this(
        port,
        bindAddress,
        serviceTime,
        partitions,
        bound,
        sentinelEnable,
        sentinelDisable,
        mitigation,
        downstream,
        handlerThreads,
        ServiceWork.SLEEP);
  }

  /**
   * The defaults: port 8080 on 127.0.0.1, the seed incident's 5 ms consumer, one partition per
   * available processor (at most 1024).
   */
  public static ServerOptions defaults() {
    return new ServerOptions(
        8080,
        InetAddress.getLoopbackAddress(),
        Duration.ofMillis(5),
        Math.min(MAX_PARTITIONS, Runtime.getRuntime().availableProcessors()),
        100,
        500,
        250,
        SentinelMitigation.SHED,
        Optional.empty(),
        16,
        ServiceWork.SLEEP);
  }

  /** One line per flag, with its default, for {@code --help}. */
  public static String usage() {
    ServerOptions d = defaults();
    return String.join(
        System.lineSeparator(),
        "Usage: java -jar spillway-sample-targets.jar [flags]",
        "",
        "Serves the four sample designs over HTTP: POST /designs/{design}/events?key=K,",
        "GET /metrics (Prometheus text), GET /metrics.json, GET /health.",
        "",
        "  --port N                TCP port, 0-65535; 0 picks a free one (default " + d.port + ")",
        "  --bind ADDRESS          address to listen on (default 127.0.0.1)",
        "  --service-time DURATION time the consumer takes per message: 5ms, 250us, 1s (default "
            + DurationFlag.format(d.serviceTime)
            + ")",
        "  --work sleep|cpu        how the consumer spends it: sleep (waits, like a call to another",
        "                          service) or cpu (burns that much CPU time, so a CPU quota slows",
        "                          it down) (default sleep)",
        "  --partitions N          partitioned design's partitions, 1-1024 (default: cores = "
            + d.partitions
            + ")",
        "  --bound N               bounded design's capacity, >= 1 (default " + d.bound + ")",
        "  --sentinel-enable N     sentinel fires when a queue reaches N (default "
            + d.sentinelEnable
            + ")",
        "  --sentinel-disable N    ...and re-arms when it falls to N, < enable (default "
            + d.sentinelDisable
            + ")",
        "  --mitigation MODE       shed | restart | alert (default shed)",
        "  --downstream URL        POST each message to this http(s) URL instead of handling it",
        "                          in-process (default: in-process)",
        "  --handler-threads N     threads serving HTTP requests, 1-1024 (default "
            + d.handlerThreads
            + ")",
        "  --help                  print this and exit");
  }

  /**
   * Parses flags ({@code --name value} or {@code --name=value}) over the defaults.
   *
   * @throws IllegalArgumentException naming the flag, the value and what is allowed
   */
  public static ServerOptions parse(String... args) {
    ServerOptions d = defaults();
    int port = d.port;
    InetAddress bind = d.bindAddress;
    Duration serviceTime = d.serviceTime;
    int partitions = d.partitions;
    int bound = d.bound;
    int enable = d.sentinelEnable;
    int disable = d.sentinelDisable;
    SentinelMitigation mitigation = d.mitigation;
    Optional<URI> downstream = d.downstream;
    int handlerThreads = d.handlerThreads;
    ServiceWork work = d.work;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "argument '" + arg + "' is not a flag: flags start with -- (see --help)");
      }
      String flag = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq >= 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("flag " + flag + " needs a value (see --help)");
        }
        value = args[++i];
      }
      switch (flag) {
        case "--port" -> port = integer(flag, value);
        case "--bind" -> bind = address(value);
        case "--service-time" -> serviceTime = DurationFlag.parse(flag, value);
        case "--partitions" -> partitions = integer(flag, value);
        case "--bound" -> bound = integer(flag, value);
        case "--sentinel-enable" -> enable = integer(flag, value);
        case "--sentinel-disable" -> disable = integer(flag, value);
        case "--mitigation" -> mitigation = mitigation(value);
        case "--downstream" -> downstream = Optional.of(url(value));
        case "--handler-threads" -> handlerThreads = integer(flag, value);
        case "--work" -> work = work(value);
        default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
      }
    }
    return new ServerOptions(
        port,
        bind,
        serviceTime,
        partitions,
        bound,
        enable,
        disable,
        mitigation,
        downstream,
        handlerThreads,
        work);
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          flag + " must be a whole number, but was '" + value + "'", e);
    }
  }

  private static InetAddress address(String value) {
    try {
      return InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "--bind must be an IP address or a resolvable host name, but was '" + value + "'", e);
    }
  }

  private static SentinelMitigation mitigation(String value) {
    try {
      return SentinelMitigation.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--mitigation must be one of shed, restart, alert, but was '" + value + "'", e);
    }
  }

  private static ServiceWork work(String value) {
    try {
      return ServiceWork.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--work must be one of sleep, cpu, but was '" + value + "'", e);
    }
  }

  private static URI url(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--downstream must be an http:// or https:// URL, but was '" + value + "'", e);
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "--downstream must be an http:// or https:// URL, but was '" + value + "'");
    }
    return uri;
  }

  private static void require(boolean ok, String flag, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(flag + " must be " + allowed + ", but was " + value);
    }
  }
}
