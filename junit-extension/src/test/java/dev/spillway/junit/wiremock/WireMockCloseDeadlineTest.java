package dev.spillway.junit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.inject.Delay;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link WireMockChaos#close()} waits for Jetty to stop, which ends a request held in a slow answer
 * instead of waiting it out: measured 129 ms with a request 500 ms into a 60 s delay.
 */
class WireMockCloseDeadlineTest {

  private static final Duration DELAY = Duration.ofSeconds(60);

  /** A twelfth of the delay the request is held in: generous for a loaded machine. */
  private static final Duration WELL_BEFORE_THE_ANSWER = Duration.ofSeconds(5);

  @Test
  void aRequestHeldInASlowAnswer_doesNotHoldClose() {
    WireMockChaos chaos = WireMockChaos.withRequestThreads(2).named("closeDeadline").start();
    CompletableFuture<HttpResponse<Void>> call;
    try {
      chaos.slow(Delay.fixed(DELAY));
      call =
          HttpClient.newHttpClient()
              .sendAsync(
                  HttpRequest.newBuilder(chaos.url())
                      .POST(HttpRequest.BodyPublishers.ofString("event"))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      await().atMost(Duration.ofSeconds(10)).until(() -> chaos.stats().received() == 1);
    } catch (RuntimeException e) {
      chaos.close();
      throw e;
    }

    long start = System.nanoTime();
    chaos.close();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(WELL_BEFORE_THE_ANSWER);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("spillway-wiremock-closeDeadline")));
    await().atMost(Duration.ofSeconds(10)).until(call::isDone);
    assertThat(call).isCompletedExceptionally(); // the held request was cut, not answered
  }
}
