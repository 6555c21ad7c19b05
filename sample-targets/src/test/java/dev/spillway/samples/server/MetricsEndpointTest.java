package dev.spillway.samples.server;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} and {@code /metrics.json}, read back by the toolkit's own {@link
 * HttpMetricsProbe}. The server's consumers never finish an event, so once every consumer holds
 * one, the figures stand still and the probe must read exactly what the designs report in process.
 */
class MetricsEndpointTest {

  private final TestServer target = new TestServer("--sentinel-enable=3", "--sentinel-disable=1");
  private final List<HttpMetricsProbe> probes = new ArrayList<>();

  @BeforeEach
  void sendSomeEvents() {
    for (int i = 0; i < 5; i++) {
      target.post("/designs/singleton/events?key=k", "");
      target.post("/designs/bounded/events?key=k" + i, "");
      target.post("/designs/sentinel-watched/events?key=k", "");
    }
    for (int i = 0; i < 12; i++) {
      target.post("/designs/partitioned/events?key=user-" + i, "");
    }
    // settled: each consumer holds one event, and nothing moves any more
    for (EventTracker design : target.server.designs().values()) {
      soon().until(() -> design.books().inFlight() == busyConsumers(design));
    }
  }

  private static long busyConsumers(EventTracker design) {
    return design.queues().stream().filter(q -> q.highWaterMark() > 0).count();
  }

  @AfterEach
  void stop() {
    probes.forEach(HttpMetricsProbe::close);
    target.close();
  }

  private long prometheus(String metric, Map<String, String> labels) {
    HttpMetricsProbe probe =
        HttpMetricsProbe.prometheus("test", target.url("/metrics"), metric, labels).build();
    probes.add(probe);
    return probe.depth();
  }

  private long json(String pointer) {
    HttpMetricsProbe probe =
        HttpMetricsProbe.json("test", target.url("/metrics.json"), pointer).build();
    probes.add(probe);
    return probe.depth();
  }

  @Test
  void thePrometheusProbe_readsDepthHighWaterMarkAndLedgerCounters_ofEveryDesign() {
    for (String name : SampleTargetServer.DESIGNS) {
      EventTracker design = target.design(name);
      assertThat(prometheus("spillway_design_depth", Map.of("design", name)))
          .as("depth of %s", name)
          .isEqualTo(design.depthProbe().depth());
      for (QueueView q : design.queues()) {
        Map<String, String> labels = Map.of("design", name, "queue", q.name());
        assertThat(prometheus("spillway_queue_depth", labels)).isEqualTo(q.depth());
        assertThat(prometheus("spillway_queue_high_water_mark", labels))
            .isEqualTo(q.highWaterMark());
      }
      LedgerSnapshot books = design.books();
      assertThat(outcome(name, "sent")).isEqualTo(books.sent());
      assertThat(outcome(name, "processed")).isEqualTo(books.processed()).isZero();
      assertThat(outcome(name, "rejected")).isEqualTo(books.rejected());
      assertThat(outcome(name, "dropped")).isEqualTo(books.dropped());
      assertThat(outcome(name, "failed")).isEqualTo(books.failed());
    }
    assertThat(outcome("singleton", "sent")).isEqualTo(5);
    assertThat(outcome("partitioned", "sent")).isEqualTo(12);
    assertThat(outcome("bounded", "rejected")).isBetween(2L, 3L);
    assertThat(prometheus("spillway_design_depth", Map.of("design", "singleton"))).isEqualTo(4);
    assertThat(
            prometheus("spillway_queue_capacity", Map.of("design", "bounded", "queue", "bounded")))
        .isEqualTo(2);
    assertThat(
            prometheus(
                "spillway_queue_high_water_mark", Map.of("design", "bounded", "queue", "bounded")))
        .isEqualTo(2);
  }

  private long outcome(String design, String outcome) {
    return prometheus("spillway_messages_total", Map.of("design", design, "outcome", outcome));
  }

  @Test
  void thePartitionedDesign_hasADepthPerPartition_thatAddUpToItsTotal() {
    long total = 0;
    for (int p = 0; p < 2; p++) {
      total +=
          prometheus(
              "spillway_queue_depth", Map.of("design", "partitioned", "queue", "partitioned-" + p));
    }
    assertThat(prometheus("spillway_design_depth", Map.of("design", "partitioned")))
        .isEqualTo(total)
        .isEqualTo(12 - busyConsumers(target.design("partitioned")));
  }

  @Test
  void theSentinelFigures_showTheBreachAndTheShedding() {
    // enable 3, disable 1: one event in hand, three queued, the rest shed
    assertThat(prometheus("spillway_sentinel_shedding", Map.of("design", "sentinel-watched")))
        .isEqualTo(1);
    soon()
        .until(
            () ->
                prometheus("spillway_sentinel_breaches_total", Map.of("design", "sentinel-watched"))
                    == 1);
    assertThat(outcome("sentinel-watched", "rejected"))
        .isEqualTo(target.design("sentinel-watched").books().rejected())
        .isPositive();
    assertThat(json("/designs/sentinel-watched/sentinel/breaches")).isEqualTo(1);
    assertThat(json("/designs/sentinel-watched/sentinel/enable")).isEqualTo(3);
  }

  @Test
  void theJsonProbe_readsTheSameFiguresFromMetricsJson() {
    for (String name : SampleTargetServer.DESIGNS) {
      EventTracker design = target.design(name);
      LedgerSnapshot books = design.books();
      String at = "/designs/" + name;
      assertThat(json(at + "/depth")).isEqualTo(design.depthProbe().depth());
      assertThat(json(at + "/highWaterMark"))
          .isEqualTo(
              design.queues().stream().mapToLong(QueueView::highWaterMark).max().orElseThrow());
      assertThat(json(at + "/queues/0/depth")).isEqualTo(design.queues().get(0).depth());
      assertThat(json(at + "/ledger/sent")).isEqualTo(books.sent());
      assertThat(json(at + "/ledger/rejected")).isEqualTo(books.rejected());
      assertThat(json(at + "/ledger/queued")).isEqualTo(books.queued());
    }
    assertThat(json("/designs/bounded/queues/0/capacity")).isEqualTo(2);
    HttpResponse<String> response = target.get("/metrics.json");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .contains("\"singleton\":{\"depth\":4,")
        .contains("\"capacity\":null")
        .contains("\"mitigation\":\"shed\"");
  }

  @Test
  void theFrontsBooks_areInBothExpositions() throws Exception {
    RawHttp.exchange(target.server.baseUrl(), "GARBAGE\r\n\r\n", Duration.ofSeconds(10));
    soon().until(() -> target.server.http().open() <= 1); // the client's keep-alive one at most

    var http = target.server.http();
    assertThat(prometheus("spillway_http_responses_total", Map.of("status", "202")))
        .isEqualTo(http.responses(202))
        .isEqualTo(
            target.server.designs().values().stream()
                .mapToLong(d -> d.books().sent() - d.books().rejected())
                .sum());
    assertThat(prometheus("spillway_http_responses_total", Map.of("status", "400"))).isEqualTo(1);
    assertThat(prometheus("spillway_http_connections_total", Map.of("outcome", "refused")))
        .isZero();
    assertThat(json("/http/responses/400")).isEqualTo(1);
    assertThat(json("/http/timeouts/header")).isZero();
  }

  @Test
  void theExposition_parses_withEveryFamilyDeclaredOnceAndItsSamplesTogether() {
    HttpResponse<String> response = target.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");

    Map<String, String> types = Exposition.check(response.body());

    assertThat(types)
        .containsEntry("spillway_design_depth", "gauge")
        .containsEntry("spillway_queue_depth", "gauge")
        .containsEntry("spillway_queue_high_water_mark", "gauge")
        .containsEntry("spillway_queue_capacity", "gauge")
        .containsEntry("spillway_messages_total", "counter")
        .containsEntry("spillway_arrival_rate", "gauge")
        .containsEntry("spillway_service_rate", "gauge")
        .containsEntry("spillway_sentinel_breaches_total", "counter")
        .containsEntry("spillway_sentinel_shedding", "gauge")
        .containsEntry("spillway_http_connections_open", "gauge")
        .containsEntry("spillway_http_connections_total", "counter")
        .containsEntry("spillway_http_timeouts_total", "counter")
        .containsEntry("spillway_http_responses_total", "counter");
  }

  @Test
  void theRates_arePublishedAsNumbers() {
    String body = target.get("/metrics").body();
    Matcher m =
        Pattern.compile("^spillway_arrival_rate\\{design=\"singleton\"} (\\S+)$", Pattern.MULTILINE)
            .matcher(body);
    assertThat(m.find()).as(body).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isNotNegative();
  }

  /** A strict reader of the text format's structure: the toolkit's parser reads the values. */
  static final class Exposition {
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+");
    private static final Pattern TYPE =
        Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|untyped)");
    private static final Pattern SAMPLE =
        Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)"
                + "(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"\\\\\\n]*\""
                + "(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"\\\\\\n]*\")*})? "
                + "-?[0-9]+(\\.[0-9]+)?");

    /** Checks the structure; returns each family's type, in order. */
    static Map<String, String> check(String text) {
      assertThat(text).endsWith("\n");
      Map<String, String> types = new LinkedHashMap<>();
      Set<String> seenSamples = new HashSet<>();
      String current = null;
      String helped = null;
      int lineNumber = 0;
      for (String line : text.split("\n")) {
        lineNumber++;
        String where = "line " + lineNumber + ": " + line;
        Matcher help = HELP.matcher(line);
        Matcher type = TYPE.matcher(line);
        Matcher sample = SAMPLE.matcher(line);
        if (help.matches()) {
          helped = help.group(1);
          assertThat(types).as("declared once: " + where).doesNotContainKey(helped);
        } else if (type.matches()) {
          assertThat(type.group(1)).as("TYPE follows its HELP: " + where).isEqualTo(helped);
          current = type.group(1);
          types.put(current, type.group(2));
        } else if (sample.matches()) {
          assertThat(sample.group(1)).as("sample in its family: " + where).isEqualTo(current);
          assertThat(seenSamples.add(line.substring(0, line.lastIndexOf(' '))))
              .as("one sample per label set: " + where)
              .isTrue();
        } else {
          throw new AssertionError("not a valid exposition line: " + where);
        }
      }
      return types;
    }
  }
}
