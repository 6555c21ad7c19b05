package com.example.orders;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.spillway.gatling.Metric;
import dev.spillway.gatling.Spillway;
import dev.spillway.gatling.WatchedQueue;
import dev.spillway.samples.server.SampleTargetServer;
import dev.spillway.samples.server.ServerOptions;
import dev.spillway.toolkit.load.LoadProfile;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Map;

/**
 * A spike against an orders service whose queue is bounded: it must shed the excess (503), keep
 * its queue within {@code -Dorders.bound} (default 100), lose nothing and answer within 500 ms at
 * the 99th percentile. The service here is Spillway's sample server (its {@code bounded} design),
 * started in this JVM; point {@code -Dorders.url} at your own service instead.
 */
public class OrdersSpikeSimulation extends Simulation {

  /** 150/s for a second, then 250/s for three: 50/s more than the 200/s the service handles. */
  static final LoadProfile SPIKE =
      LoadProfile.builder()
          .constant(150)
          .perSecond()
          .during(Duration.ofSeconds(1))
          .constant(250)
          .perSecond()
          .during(Duration.ofSeconds(3))
          .build();

  static final String QUEUE = "bounded";

  final SampleTargetServer service = startService();
  final String baseUrl =
      System.getProperty("orders.url", service == null ? "" : service.baseUrl().toString());

  final Spillway spillway =
      Spillway.builder("orders-spike")
          .metrics(baseUrl + "/metrics")
          .watch(
              WatchedQueue.spillwayMetrics(QUEUE)
                  .withHighWaterMark(
                      Metric.prometheus(
                          "spillway_queue_high_water_mark",
                          Map.of("design", QUEUE, "queue", QUEUE)))
                  .withBound(Long.getLong("orders.bound", 100))
                  .withP99AtMost(Duration.ofMillis(500))
                  .withDesign("orders"))
          .scenario("spike 150→250/s")
          .profile(SPIKE)
          .simulation(OrdersSpikeSimulation.class)
          .build();

  {
    setUp(
            scenario("orders spike")
                .exec(
                    spillway.send(
                        QUEUE,
                        http("order")
                            .post("/designs/" + QUEUE + "/events")
                            .queryParam("key", session -> "customer-" + session.userId() % 100)
                            .body(StringBody("order"))
                            .check(status().in(202, 503))))
                .injectOpen(spillway.injection())
                .andThen(spillway.verdict()))
        .protocols(http.baseUrl(baseUrl).warmUp(baseUrl + "/health"))
        .assertions(spillway.assertion());
  }

  @Override
  public void before() {
    spillway.start();
  }

  @Override
  public void after() {
    spillway.stop();
    if (service != null) {
      service.close();
    }
  }

  private static SampleTargetServer startService() {
    if (System.getProperty("orders.url") != null) {
      return null;
    }
    return SampleTargetServer.start(
        ServerOptions.parse("--port", "0", "--service-time", "5ms", "--bound", "100"));
  }
}
