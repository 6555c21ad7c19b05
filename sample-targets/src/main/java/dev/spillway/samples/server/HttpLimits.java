package dev.spillway.samples.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What the server's HTTP front allows a client, so that slow, stalled or greedy clients cannot take
 * it over. Every limit is checked by the front's single reactor thread, which never waits on a
 * client: a client that breaks one costs the others nothing.
 *
 * @param maxConnections connections served at once, 1 to {@value #MAX_CONNECTIONS}; a connection
 *     beyond it is answered {@code 503} with {@code Connection: close} and closed
 * @param idleTimeout how long a connection may stay open without starting a request (after
 *     connecting, or after its last response); then it is closed without an answer
 * @param headerTimeout how long a request head may take to arrive, from its first byte; then the
 *     request is answered {@code 408} and the connection closed
 * @param bodyTimeout how long a request body may take to arrive, from the end of its head; then
 *     {@code 408} and the connection closed
 * @param writeTimeout how long a client may take to read a response; then the connection is closed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record HttpLimits(
    int maxConnections,
    Duration idleTimeout,
    Duration headerTimeout,
    Duration bodyTimeout,
    Duration writeTimeout) {

  /** The most connections {@link #maxConnections} may allow. */
  public static final int MAX_CONNECTIONS = 100_000;

  /** The shortest timeout allowed. */
  public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

  /** The longest timeout allowed. */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  /** Validates every limit. */
  public HttpLimits {
    ServerOptions.require(
        maxConnections >= 1 && maxConnections <= MAX_CONNECTIONS,
        "--max-connections",
        maxConnections,
        "from 1 to " + MAX_CONNECTIONS);
    timeout("--idle-timeout", idleTimeout);
    timeout("--header-timeout", headerTimeout);
    timeout("--body-timeout", bodyTimeout);
    timeout("--write-timeout", writeTimeout);
  }

  /**
   * The defaults: 1024 connections (the listen backlog's size), 30 s idle (as the JDK's own
   * server), 10 s for a head, 10 s for a body, 10 s to read a response.
   */
  public static HttpLimits defaults() {
    return new HttpLimits(
        1024,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(10));
  }

  private static void timeout(String flag, Duration d) {
    ServerOptions.require(
        d != null && Durations.within(d, MIN_TIMEOUT, false, MAX_TIMEOUT),
        flag,
        d == null ? null : Durations.format(d),
        DurationFlag.rule(MIN_TIMEOUT, MAX_TIMEOUT));
  }

  @Override
  public String toString() {
    return "HttpLimits[maxConnections="
        + maxConnections
        + ", idleTimeout="
        + Durations.format(idleTimeout)
        + ", headerTimeout="
        + Durations.format(headerTimeout)
        + ", bodyTimeout="
        + Durations.format(bodyTimeout)
        + ", writeTimeout="
        + Durations.format(writeTimeout)
        + "]";
  }
}
