package dev.spillway.samples.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.samples.Designs;
import dev.spillway.samples.SentinelMitigation;
import dev.spillway.toolkit.util.Durations;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The sample-target server's settings, parsed from command-line options and validated: every bad
 * option is an {@link IllegalArgumentException} naming the option, the value and what is allowed.
 * The options are declared for picocli, which refuses unknown and repeated ones.
 *
 * @param port TCP port, 0 to 65535 (0 picks a free one)
 * @param bindAddress address to listen on; loopback by default
 * @param serviceTime how long the in-process handler takes per message, at least 1 ns
 * @param partitions the partitioned design's partition count, 1 to 1024
 * @param bound the bounded design's capacity, at least 1
 * @param sentinelEnable the sentinel-watched design's enable threshold
 * @param sentinelDisable the sentinel-watched design's disable threshold, below enable
 * @param mitigation what the sentinel does on a breach
 * @param downstream where messages are handled: empty for in-process, else an HTTP URL to POST to
 * @param handlerThreads threads that serve HTTP requests, 1 to 1024
 * @param work how the in-process consumer spends its service time: waiting (the default) or burning
 *     CPU; CPU only without a downstream URL
 * @param limits what the HTTP front allows a client: connections, timeouts
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
    ServiceWork work,
    HttpLimits limits) {

  private static final int MAX_PARTITIONS = Designs.MAX_PARTITIONS;
  private static final int MAX_HANDLER_THREADS = 1024;
  static final Duration MIN_SERVICE_TIME = Duration.ofNanos(1);

  /** Validates every setting. */
  public ServerOptions {
    require(port >= 0 && port <= 65535, "--port", port, "from 0 to 65535");
    require(bindAddress != null, "--bind", null, "an IP address or host name");
    require(
        serviceTime != null
            && Durations.within(serviceTime, MIN_SERVICE_TIME, false, Durations.LONGEST),
        "--service-time",
        serviceTime == null ? null : Durations.format(serviceTime),
        DurationFlag.rule(MIN_SERVICE_TIME, Durations.LONGEST));
    require(
        partitions >= 1 && partitions <= MAX_PARTITIONS,
        "--partitions",
        partitions,
        "from 1 to " + MAX_PARTITIONS);
    require(bound >= 1, "--bound", bound, "from 1 to " + Integer.MAX_VALUE);
    require(
        sentinelDisable >= 0,
        "--sentinel-disable",
        sentinelDisable,
        "from 0 to " + Integer.MAX_VALUE);
    require(
        sentinelEnable > sentinelDisable,
        "--sentinel-enable",
        sentinelEnable,
        "greater than --sentinel-disable (" + sentinelDisable + ")");
    require(mitigation != null, "--mitigation", null, "one of shed, restart, alert");
    require(downstream != null, "--downstream", null, "an http:// or https:// URL");
    require(
        handlerThreads >= 1 && handlerThreads <= MAX_HANDLER_THREADS,
        "--handler-threads",
        handlerThreads,
        "from 1 to " + MAX_HANDLER_THREADS);
    require(work != null, "--work", null, "sleep or cpu");
    require(
        work == ServiceWork.SLEEP || downstream.isEmpty(),
        "--work",
        "cpu with --downstream " + downstream.map(URI::toString).orElse(""),
        "sleep when --downstream is given (CPU work is the in-process consumer's)");
    require(limits != null, "limits", null, "the HTTP front's limits");
  }

  /** The settings with the default {@link HttpLimits}. */
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
      int handlerThreads,
      ServiceWork work) {
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
        work,
        HttpLimits.defaults());
  }

  /**
   * The settings with a consumer that waits for its service time ({@link ServiceWork#SLEEP}) and
   * the default {@link HttpLimits}, as before {@code --work} existed.
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
   * available processor (at most 1024), {@link HttpLimits#defaults()}.
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
        ServiceWork.SLEEP,
        HttpLimits.defaults());
  }

  /** These settings with other HTTP limits. */
  public ServerOptions withLimits(HttpLimits newLimits) {
    return new ServerOptions(
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
        work,
        newLimits);
  }

  /** The usage for {@code --help}: one entry per option, with its default. */
  public static String usage() {
    return new ServerCommand(defaults()).usage();
  }

  /**
   * Parses options ({@code --name value} or {@code --name=value}) over the defaults.
   *
   * @throws IllegalArgumentException naming the option, the value and what is allowed: for an
   *     unknown option (with the list of options), a repeated one, a missing value, a value out of
   *     range or of the wrong form
   */
  public static ServerOptions parse(String... args) {
    ServerCommand c = new ServerCommand(defaults());
    c.read(args);
    Optional<URI> downstream =
        c.downstream == null ? Optional.empty() : Optional.of(url(c.downstream));
    return new ServerOptions(
        integer("--port", c.port, 0, 65535),
        address(c.bind),
        c.serviceTime,
        integer("--partitions", c.partitions, 1, MAX_PARTITIONS),
        integer("--bound", c.bound, 1, Integer.MAX_VALUE),
        integer("--sentinel-enable", c.sentinelEnable, 1, Integer.MAX_VALUE),
        integer("--sentinel-disable", c.sentinelDisable, 0, Integer.MAX_VALUE),
        mitigation(c.mitigation),
        downstream,
        integer("--handler-threads", c.handlerThreads, 1, MAX_HANDLER_THREADS),
        work(c.work),
        new HttpLimits(
            integer("--max-connections", c.maxConnections, 1, HttpLimits.MAX_CONNECTIONS),
            c.idleTimeout,
            c.headerTimeout,
            c.bodyTimeout,
            c.writeTimeout));
  }

  /** A whole number from {@code min} to {@code max}; the message tells the form from the range. */
  private static int integer(String flag, String value, int min, int max) {
    String text = value.trim();
    String range = "from " + min + " to " + max;
    if (!text.matches("[+-]?\\d+")) {
      throw new IllegalArgumentException(
          flag + " must be a whole number " + range + ", but was '" + value + "'");
    }
    BigInteger n = new BigInteger(text);
    if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new IllegalArgumentException(flag + " must be " + range + ", but was " + text);
    }
    return n.intValueExact();
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

  /** The one check of this package: {@code "<flag> must be <allowed>, but was <value>"}. */
  static void require(boolean ok, String flag, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(flag + " must be " + allowed + ", but was " + value);
    }
  }
}
