package dev.spillway.samples.server;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.samples.EventTracker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --work}: the server's consumers wait for their service time, or burn it as CPU. */
class ServiceWorkTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void workCpu_makesTheConsumerBurnItsServiceTime_workSleep_makesItWait() throws Exception {
    Duration cpu = consumerCpuTimeFor(10, "--work=cpu");
    Duration sleep = consumerCpuTimeFor(10, "--work=sleep");

    assertThat(cpu).isGreaterThanOrEqualTo(Duration.ofMillis(200)); // 10 × 20 ms
    assertThat(sleep).isLessThan(cpu.dividedBy(4));
  }

  /** The CPU time the singleton's consumer spends on {@code events} events of 20 ms. */
  private static Duration consumerCpuTimeFor(int events, String workFlag) throws Exception {
    try (SampleTargetServer server =
        SampleTargetServer.start(
            ServerOptions.parse("--port=0", "--service-time=20ms", workFlag))) {
      HttpClient client = HttpClient.newHttpClient();
      for (int i = 0; i < events; i++) {
        HttpResponse<Void> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/designs/singleton/events?key=k"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(202);
      }
      EventTracker singleton = server.design("singleton");
      soon().until(() -> singleton.books().processed() == events);
      Thread consumer =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().equals("spillway-consumer-singleton-0") && t.isAlive())
              .findFirst()
              .orElseThrow();
      return Duration.ofNanos(THREADS.getThreadCpuTime(consumer.getId()));
    }
  }
}
