package dev.spillway.junit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.record.TraceEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The WireMock downstream's chaos switches and its bottleneck report. */
class WireMockChaosTest {

  private static ConditionFactory soon() {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2));
  }

  @Test
  void aFreshDownstream_answers202AtOnce_toAnyPath() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      assertThat(downstream.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/downstream");
      Calls.to(downstream).post();
      HttpResponse<Void> other =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(downstream.url().resolve("/elsewhere")).GET().build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(other.statusCode()).isEqualTo(202);
      assertThat(downstream.stats().received()).isEqualTo(2);
      assertThat(downstream.stats().failedOnPurpose()).isZero();
    }
  }

  @Test
  void slow_delaysEveryAnswer_andHeal_removesTheDelay() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      Calls http = Calls.to(downstream);
      http.post(); // warm the connection
      downstream.slow(Delay.fixed(Duration.ofMillis(200)));
      long slow = http.millis();
      downstream.heal();
      long healed = http.millis();
      assertThat(slow).isGreaterThanOrEqualTo(200);
      assertThat(healed).isLessThan(slow - 100);
    }
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void fail_makesEveryCallFail_andHeal_makesThemSucceedAgain(Fault fault) throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      Calls http = Calls.to(downstream);
      downstream.fail(fault);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> http.post()).isInstanceOf(IOException.class);
      }
      downstream.heal();
      http.post();
      DownstreamStats stats = downstream.stats();
      assertThat(stats.received()).isEqualTo(4);
      assertThat(stats.failedOnPurpose()).isEqualTo(3);
    }
  }

  @Test
  void failWithStatus_answersThatStatus_andKeepsTheDelay() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(4).start()) {
      Calls http = Calls.to(downstream);
      http.post();
      downstream.slow(Delay.fixed(Duration.ofMillis(150))).failWithStatus(503);
      long start = System.nanoTime();
      assertThatThrownBy(() -> http.post())
          .isInstanceOf(IOException.class)
          .hasMessageEndingWith("answered 503");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(150));
      assertThat(downstream.toString())
          .isEqualTo(
              "WireMockChaos[url="
                  + downstream.url()
                  + ", requestThreads=4, delay=FixedDelayModel[delay=PT0.15S], fault=null, status=503,"
                  + " changes=[]]");
    }
  }

  @Test
  void switchingTheChaos_underConcurrentCalls_neverLeavesAGap() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(8).start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Integer> unexpected = new CopyOnWriteArrayList<>();
      AtomicInteger calls = new AtomicInteger();
      List<CompletableFuture<Void>> callers = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        callers.add(
            CompletableFuture.runAsync(
                () -> {
                  while (running.get()) {
                    try {
                      int status =
                          client
                              .send(
                                  HttpRequest.newBuilder(downstream.url())
                                      .POST(HttpRequest.BodyPublishers.noBody())
                                      .build(),
                                  HttpResponse.BodyHandlers.discarding())
                              .statusCode();
                      calls.incrementAndGet();
                      if (status != 202 && status != 503) {
                        unexpected.add(status);
                      }
                    } catch (IOException | InterruptedException e) {
                      unexpected.add(-1);
                    }
                  }
                }));
      }
      for (int i = 0; i < 100; i++) {
        if (i % 2 == 0) {
          downstream.failWithStatus(503);
        } else {
          downstream.heal();
        }
      }
      soon().until(() -> calls.get() >= 50);
      running.set(false);
      CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).join();
      assertThat(unexpected).as("statuses other than 202 and 503 (a 404 is a gap)").isEmpty();
    }
  }

  @Test
  void everyChange_isReportedAsAnInjectionEvent() {
    List<TraceEvent> events = new CopyOnWriteArrayList<>();
    try (WireMockChaos downstream =
        WireMockChaos.withRequestThreads(2).events(events::add).start()) {
      downstream.slow(Delay.fixed(Duration.ofMillis(5)));
      downstream.fail(Fault.CONNECTION_RESET_BY_PEER);
      downstream.heal();
    }
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo(TraceEvent.Kind.INJECTION);
              assertThat(e.source()).isEqualTo("wiremock-downstream");
            })
        .extracting(TraceEvent::detail)
        .containsExactly(
            "slow: FixedDelayModel[delay=PT0.005S]", "fail: CONNECTION_RESET_BY_PEER", "healed");
  }

  @Test
  void withEnoughRequestThreads_callersNeverWait_andTheStatsSaySo() throws Exception {
    DownstreamStats stats = concurrentSlowCalls(8, 4);
    assertThat(stats.received()).isEqualTo(40);
    // a thread still finishing the previous request's connection work counts as busy: 4 callers
    // may show as a few more, but well below the 8 threads
    assertThat(stats.peakBusy()).isBetween(1, 6);
    assertThat(stats.contended()).isZero();
    assertThat(stats.limitsServiceRate()).as(stats.describe()).isFalse();
    assertThat(stats.describe()).endsWith("its pool did not limit the service rate");
  }

  @Test
  void withTooFewRequestThreads_callersWaitForWireMock_andTheStatsBlameTheDownstream()
      throws Exception {
    DownstreamStats stats = concurrentSlowCalls(2, 8);
    assertThat(stats.received()).isEqualTo(80);
    assertThat(stats.peakBusy()).as("WireMock serves at most its request threads").isEqualTo(2);
    assertThat(stats.limitsServiceRate()).as(stats.describe()).isTrue();
    assertThat(stats.describe()).contains("WIREMOCK'S OWN POOL LIMITED THE SERVICE RATE");
  }

  /** {@code callers} threads each make 10 calls of 20 ms against {@code requestThreads}. */
  private static DownstreamStats concurrentSlowCalls(int requestThreads, int callers)
      throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(requestThreads).start()) {
      downstream.slow(Delay.fixed(Duration.ofMillis(20)));
      Calls http = Calls.to(downstream);
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int c = 0; c < callers; c++) {
        all.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    try {
                      http.post();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  }
                },
                r -> new Thread(r, "test-caller").start()));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      assertThat(downstream.containerThreads()).isGreaterThan(requestThreads);
      return downstream.stats();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1001})
  void requestThreadsOutside1To1000_areRejected(int threads) {
    assertThatThrownBy(() -> WireMockChaos.withRequestThreads(threads))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("request threads must be in [1, 1000], but was " + threads);
  }

  @Test
  void badChaos_isRejected_andLeavesTheCurrentChaosInPlace() throws Exception {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(2).start()) {
      assertThatThrownBy(() -> downstream.slow(Delay.fixed(Duration.ofNanos(500_000))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("fixed delay must be a whole number of milliseconds");
      assertThatThrownBy(() -> downstream.slow(null)).hasMessage("delay must not be null");
      assertThatThrownBy(() -> downstream.fail(null)).hasMessage("fault must not be null");
      assertThatThrownBy(() -> downstream.failWithStatus(399))
          .hasMessage("error status must be in [400, 599], but was 399");
      assertThatThrownBy(() -> downstream.failWithStatus(600))
          .hasMessage("error status must be in [400, 599], but was 600");
      assertThatThrownBy(() -> WireMockChaos.withRequestThreads(1).events(null))
          .hasMessage("event sink must not be null");
      Calls.to(downstream).post(); // still 202 at once
      assertThat(downstream.stats().failedOnPurpose()).isZero();
    }
  }

  @Test
  void statsThatDoNotAddUp_areRejected() {
    assertThatThrownBy(() -> new DownstreamStats(0, 0, 0, 0, 0))
        .hasMessage("request threads must be > 0, but was 0");
    assertThatThrownBy(() -> new DownstreamStats(1, 5, 6, 0, 0))
        .hasMessage("failed on purpose must be in [0, 5], but was 6");
    assertThatThrownBy(() -> new DownstreamStats(1, 5, 0, 2, 0))
        .hasMessage("peak busy must be in [0, 1], but was 2");
    assertThatThrownBy(() -> new DownstreamStats(1, 5, 0, 0, 6))
        .hasMessage("contended must be in [0, 5], but was 6");
    assertThat(new DownstreamStats(4, 100, 0, 4, 5).limitsServiceRate())
        .as("5 % is a passing burst")
        .isFalse();
    assertThat(new DownstreamStats(4, 100, 0, 4, 6).limitsServiceRate()).isTrue();
  }
}
