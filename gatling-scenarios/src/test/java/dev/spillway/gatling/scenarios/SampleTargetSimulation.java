package dev.spillway.gatling.scenarios;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.spillway.gatling.Spillway;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.function.Function;

/**
 * What the simulations against the sample targets share: the {@link SampleServer} (started as the
 * simulation is built, before anything reads its URL, and stopped after the run), the {@link
 * Spillway} that watches it, the HTTP protocol and the request that posts an event.
 */
abstract class SampleTargetSimulation extends Simulation {

  final SampleServer server;
  final Spillway spillway;

  /** The load's protocol: one connection pool shared by all virtual users, as real clients do. */
  final HttpProtocolBuilder protocol;

  /**
   * @param spillway the simulation's Spillway, given the server it watches
   * @param serverFlags flags over {@link SampleServer#FLAGS}
   */
  SampleTargetSimulation(Function<SampleServer, Spillway> spillway, String... serverFlags) {
    this.server = SampleServer.start(serverFlags);
    this.spillway = spillway.apply(server);
    this.protocol =
        http.baseUrl(server.baseUrl())
            .warmUp(server.baseUrl() + "/health")
            .shareConnections()
            .userAgentHeader("spillway-gatling");
  }

  /**
   * {@code POST /designs/{design}/events?key=…}, counted by Spillway for the queue {@code design}:
   * it must be answered 202, or 503 with {@code Retry-After} where the design may shed.
   */
  ChainBuilder postEvent(String design, Function<Session, Object> key, boolean mayShed) {
    return spillway.send(
        design,
        http(design)
            .post("/designs/" + design + "/events")
            .queryParam("key", key)
            .body(StringBody("spike"))
            .check(mayShed ? status().in(202, 503) : status().is(202))
            .checkIf((response, session) -> response.status().code() == 503)
            .then(header("Retry-After").exists()));
  }

  /** A key per virtual user: 1,000 keys in turn. */
  static Object userKey(Session session) {
    return "user-" + session.userId() % 1000;
  }

  /** Reads the bounds of every watched queue, then starts watching. */
  @Override
  public void before() {
    spillway.start();
  }

  /** Prints the build's verdict table, then stops the server. */
  @Override
  public void after() {
    try {
      spillway.stop();
    } finally {
      server.close();
    }
  }

  /**
   * The whole number in system property {@code name}, else {@code fallback}; a value that is not a
   * whole number &gt;= 1 fails naming the property, the value and the rule.
   */
  static long bound(String name, long fallback) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long bound;
    try {
      bound = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      bound = 0;
    }
    if (bound < 1) {
      throw new IllegalArgumentException(
          "-D" + name + " must be a whole number >= 1, but was '" + value + "'");
    }
    return bound;
  }
}
