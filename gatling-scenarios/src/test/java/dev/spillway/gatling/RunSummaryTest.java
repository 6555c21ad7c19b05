package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

  private final AtomicLong now = new AtomicLong();
  private final MetricsLog log = new MetricsLog(now::get);
  private final ResponseBook book = new ResponseBook();
  private final Verdicts verdicts = new Verdicts();
  private final Target target = Target.external("http://127.0.0.1:8080");

  private RunSummary summary() {
    return new RunSummary(
        "survival-gate",
        target,
        Instant.parse("2026-01-01T00:00:00Z"),
        Duration.ofMillis(8_000),
        book,
        log,
        List.of(new SummaryWindow("bounded", Duration.ofMillis(500), Duration.ofMillis(1500))),
        verdicts);
  }

  private void run() {
    log.baseline(GatesTest.sample(books(0, 10, 0)).designs());
    log.start();
    for (int i = 0; i <= 40; i++) {
      now.set(i * 100_000_000L);
      long depth = Math.min(100, 5L * i);
      log.record(
          GatesTest.sample(books(depth, 10 + 30L * i, Math.max(0, 30L * i - 100))).designs());
    }
    for (int i = 0; i < 6; i++) {
      book.started("bounded");
      book.finished("bounded", i < 4 ? 202 : 503, 2 + i, null);
    }
    verdicts.add(Verdict.pass("bounded: books match the responses", "…"));
  }

  private static DesignSample books(long depth, long sent, long rejected) {
    return new DesignSample(
        "bounded",
        depth,
        List.of(new QueueSample("bounded", depth, depth, 100)),
        sent,
        Math.max(0, sent - depth - rejected - 10),
        rejected,
        0,
        0);
  }

  @Test
  void document_holdsRequestsQueuesGrowthAndVerdicts() {
    run();

    Map<String, Object> doc = summary().document();

    assertThat(doc)
        .containsEntry("simulation", "survival-gate")
        .containsEntry("passed", true)
        .containsEntry("failedRequests", 0L)
        .containsEntry("polls", 41)
        .containsEntry("wallSeconds", 8.0);
    JsonNode json = new ObjectMapper().valueToTree(doc);
    assertThat(json.at("/target/url").asText()).isEqualTo("http://127.0.0.1:8080");
    assertThat(json.at("/target/inProcess").asBoolean()).isFalse();
    assertThat(json.at("/requests/bounded/count").asLong()).isEqualTo(6);
    assertThat(json.at("/requests/bounded/byStatus/503").asLong()).isEqualTo(2);
    assertThat(json.at("/requests/bounded/responseTimeMs/max").asLong()).isEqualTo(7);
    assertThat(json.at("/queues/bounded/highWaterMark").asLong()).isEqualTo(100);
    assertThat(json.at("/queues/bounded/growth/perSecond").asDouble()).isEqualTo(50.0);
    assertThat(json.at("/queues/bounded/arrival/perSecond").asDouble()).isEqualTo(300.0);
    assertThat(json.at("/queues/bounded/growth/fromSeconds").asDouble()).isEqualTo(0.5);
    assertThat(json.at("/queues/bounded/ledgerDuringRun/sent").asLong()).isEqualTo(1200);
    assertThat(json.at("/queues/bounded/ledgerFrom").asText()).isEqualTo("baseline");
    assertThat(json.at("/verdicts/0/passed").asBoolean()).isTrue();
  }

  @Test
  void document_isFailedWhenARequestFailedOrAPollFoundABreach() {
    run();
    book.started("bounded");
    book.finished("bounded", ResponseBook.NO_RESPONSE, -1, "no response");

    assertThat(summary().document()).containsEntry("passed", false);

    Verdicts clean = new Verdicts();
    clean.breach("at 1.00 s: bounded queue 'bounded' reached 101");
    assertThat(clean.allPassed()).isFalse();
    assertThat(clean.breachCount()).isEqualTo(1);
  }

  @Test
  void write_createsTheFolderAndWritesJson(@TempDir Path dir) throws Exception {
    run();
    Path file = dir.resolve("nested/survival-gate.json");

    RunSummary.write(file, summary());

    JsonNode back = new ObjectMapper().readTree(Files.readString(file));
    assertThat(back.at("/simulation").asText()).isEqualTo("survival-gate");
  }
}
