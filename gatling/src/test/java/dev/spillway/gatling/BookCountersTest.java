package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BookCountersTest {

  @Test
  void aPrometheusCounterWithAnOutcomeLabel_givesEveryRole() {
    BookCounters books =
        BookCounters.prometheus("messages_total", Map.of("queue", "orders"), "outcome");
    assertThat(books.byRole().keySet())
        .containsExactly("sent", "processed", "rejected", "dropped", "failed");
    assertThat(books.byRole().get("rejected").describe())
        .isEqualTo("messages_total{outcome=\"rejected\",queue=\"orders\"}");
    assertThatThrownBy(
            () -> BookCounters.prometheus("messages_total", Map.of("outcome", "x"), "outcome"))
        .hasMessage(
            "metric labels must be without the outcome label 'outcome', but was {outcome=x}");
  }

  @Test
  void aJsonObject_givesEveryRole_inFlightIncluded() {
    assertThat(BookCounters.json("/designs/orders/ledger").byRole())
        .containsEntry("inFlight", Metric.json("/designs/orders/ledger/inFlight"))
        .containsEntry("sent", Metric.json("/designs/orders/ledger/sent"))
        .hasSize(6);
  }

  @Test
  void countersTheTargetDoesNotKeep_areLeftOut() {
    BookCounters books =
        BookCounters.of(Metric.prometheus("sent_total"), Metric.prometheus("done_total"))
            .withRejected(Metric.prometheus("refused_total"));
    assertThat(books.byRole().keySet()).containsExactly("sent", "processed", "rejected");
    assertThatThrownBy(() -> Metric.json("queues/orders"))
        .hasMessage(
            "JSON pointer must be an RFC 6901 pointer starting with '/', such as"
                + " /queues/orders/depth, but was 'queues/orders'");
  }
}
