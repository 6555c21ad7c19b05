package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.samples.server.SampleTargetServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsJsonTest {

  @Test
  void fetch_readsEveryDesignOfARealServerWithItsQueuesAndLedger() {
    try (Target t = Target.inProcess(Target.IN_PROCESS)) {
      Map<String, DesignSample> designs = MetricsJson.fetch(t.baseUrl(), Duration.ofSeconds(5));

      assertThat(designs.keySet()).containsExactlyElementsOf(SampleTargetServer.DESIGNS);
      assertThat(designs.get("partitioned").queues())
          .extracting(QueueSample::name)
          .containsExactly("partitioned-0", "partitioned-1", "partitioned-2", "partitioned-3");
      assertThat(designs.get("bounded").queues().get(0).capacity()).isEqualTo(100);
      assertThat(designs.get("singleton").queues().get(0).capacity()).isEqualTo(-1);
      assertThat(designs.get("singleton").sent()).isZero();
    }
  }

  @Test
  void fetch_namesTheUrlAndTheCauseWhenNothingAnswers() {
    java.net.URI gone;
    try (Target t = Target.inProcess(Target.IN_PROCESS)) {
      gone = t.baseUrl();
    }

    assertThatThrownBy(() -> MetricsJson.fetch(gone, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not read " + gone + "/metrics.json")
        .hasMessageContaining("ConnectException");
  }

  @Test
  void parse_readsTheFiguresOfADesign() {
    String body =
        """
        {"designs":{"bounded":{"depth":7,"highWaterMark":9,
          "queues":[{"name":"bounded","depth":7,"highWaterMark":9,"capacity":100}],
          "ledger":{"sent":20,"processed":10,"rejected":3,"dropped":0,"failed":0,"queued":7},
          "arrivalRate":1.5,"serviceRate":1.0}}}
        """;

    DesignSample d = MetricsJson.parse(body).get("bounded");

    assertThat(d)
        .isEqualTo(
            new DesignSample(
                "bounded",
                7,
                java.util.List.of(new QueueSample("bounded", 7, 9, 100)),
                20,
                10,
                3,
                0,
                0));
    assertThat(d.highWaterMark()).isEqualTo(9);
  }

  @Test
  void parse_rejectsABodyThatIsNotJson() {
    assertThatThrownBy(() -> MetricsJson.parse("<html>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be JSON")
        .hasMessageContaining("<html>");
  }

  @Test
  void parse_rejectsADocumentWithoutDesigns() {
    assertThatThrownBy(() -> MetricsJson.parse("{\"depth\":1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'designs'");
  }

  @Test
  void parse_namesAMissingField() {
    String body = "{\"designs\":{\"bounded\":{\"depth\":1,\"queues\":[],\"ledger\":{\"sent\":1}}}}";

    assertThatThrownBy(() -> MetricsJson.parse(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'processed'")
        .hasMessageContaining("bounded.ledger");
  }

  @Test
  void parse_rejectsAFractionalCount() {
    String body = "{\"designs\":{\"bounded\":{\"depth\":1.5,\"queues\":[],\"ledger\":{}}}}";

    assertThatThrownBy(() -> MetricsJson.parse(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bounded.depth must be a whole number, but was 1.5");
  }
}
