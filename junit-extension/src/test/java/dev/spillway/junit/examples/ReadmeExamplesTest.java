package dev.spillway.junit.examples;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.FixedDelay;
import dev.spillway.junit.Overload;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.SlowMethod;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.wiremock.WireMockChaos;
import dev.spillway.junit.wiremock.WireMockDownstream;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.Stall;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of the module's README, run as the overload tests they are. {@link
 * ReadmeSnippetTest} keeps the README's copies identical to these.
 */
class ReadmeExamplesTest {

  // README-SNIPPET-START quick-start
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
  @FixedDelay("5ms") // the consumer serves about 200 messages/s
  @QueueBound(max = 25) // fails at the first enqueue above 25
  @DrainsWithin("1s")
  @ExpectVerdict(Verdict.SHED)
  void aBoundedMailbox_shedsTheSpike(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("orders", 25);
    harness
        .consume(mailbox, order -> {}) // a consumer thread: slowed by @FixedDelay, counted
        .sendTo(Sender.offering(mailbox::offer)); // a full mailbox refuses: counted as rejected
    // the body returns: the extension plays the spike, then checks the bounds and the verdict
  }

  // README-SNIPPET-END quick-start

  // README-SNIPPET-START in-code
  @OverloadTest
  @FixedDelay("5ms")
  void anUnboundedMailbox_growsAtArrivalMinusService(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness.consume(mailbox, order -> {}).sendTo(Sender.offering(mailbox::offer));

    OverloadResult result =
        harness.run(
            LoadProfile.builder().constant(300).perSecond().during(Duration.ofSeconds(1)).build());

    Assessment assessment = result.assessment();
    assertThat(result.verdict()).isEqualTo(Verdict.OVERFLOWED);
    // arrivals exceeded service, and the queue grew: both measured in this run
    assertThat(assessment.predictedGrowthPerSecond().orElseThrow()).isPositive(); // λ − μ
    assertThat(assessment.growth().slopePerSecond()).isPositive();
    System.out.println(assessment.explanation()); // "depth grew … while arrivals …"
  }

  // README-SNIPPET-END in-code

  // README-SNIPPET-START autopsy
  /** A repository with no interface, deep inside the consumer: its database takes 5 ms. */
  static final class PaymentRepository {
    void insert(Message payment) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @OverloadTest
  @ConstantLoad(rate = 300, duration = "1s") // μ ≈ 200/s: the queue overflows
  @RecordAutopsy // where did the consumer's time go while it overflowed?
  void theAutopsy_namesTheMethodTheConsumersTimeWentTo(OverloadHarness harness) {
    PaymentRepository repository = new PaymentRepository();
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("payments");
    harness.consume(mailbox, repository::insert).sendTo(Sender.offering(mailbox::offer));

    OverloadResult result = harness.run();

    AutopsyReport autopsy = result.autopsy().orElseThrow();
    assertThat(autopsy.topMethod().orElseThrow().shortName())
        .isEqualTo("ReadmeExamplesTest$PaymentRepository.insert");
    assertThat(autopsy.time().sleeping()).isGreaterThan(autopsy.time().running());
    // the summary ends "; autopsy of 1 thread over 1.4 s: 97% in
    // ReadmeExamplesTest$PaymentRepository.insert (in Thread.sleep); 97% sleeping; GC ..."
    // with the collections recorded, the verdict also looks for a GC death spiral: none here
    assertThat(result.assessment().gcTrend()).isPresent();
    assertThat(result.assessment().gcSpiral()).isFalse();
  }

  // README-SNIPPET-END autopsy

  // README-SNIPPET-START parameterized
  @ParameterizedTest
  @ValueSource(ints = {10, 25})
  @Overload // @OverloadTest without its @Test: each invocation is an overload test of its own
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
  @FixedDelay("5ms")
  @ExpectVerdict(Verdict.SHED)
  @ReportAs(design = "bounded({0})", scenario = "spike 150→250/s") // a row per capacity
  void everyCapacity_shedsTheSpike_withinItsBound(int capacity, OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("orders", capacity);
    harness.consume(mailbox, order -> {}).sendTo(Sender.offering(mailbox::offer));

    OverloadResult result = harness.run();

    assertThat(result.highWaterMark("orders")).isEqualTo(capacity); // it filled, then shed
  }

  @RepeatedTest(3) // three floods, three reports, one cell of the survival matrix
  @Overload
  @ConstantLoad(rate = 100, duration = "1s")
  @FixedDelay("2ms")
  @ExpectVerdict(Verdict.SURVIVED)
  void twoMillisecondsPerMessage_keepUpEveryTime(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness.consume(mailbox, order -> {}).sendTo(Sender.offering(mailbox::offer));
  }

  // README-SNIPPET-END parameterized

  // README-SNIPPET-START composed
  /** The seed incident: 150 msg/s, a spike to 250/s for a second, a 5 ms handler. */
  @Target(METHOD)
  @Retention(RUNTIME)
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
  @FixedDelay("5ms")
  @interface SeedIncident {}

  @SeedIncident
  @ExpectVerdict(Verdict.SURVIVED)
  void twoConsumers_keepUpWithTheSeedIncident(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness
        .consume(mailbox, order -> {}) // two consumer threads on one mailbox: about 400/s
        .consume(mailbox, order -> {})
        .sendTo(Sender.offering(mailbox::offer));
  }

  // README-SNIPPET-END composed

  // README-SNIPPET-START injector
  @OverloadTest
  @ConstantLoad(rate = 150, duration = "1500ms")
  @DrainsWithin("2s")
  void aConsumerFrozenByAPause_catchesUpAfterwards(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness
        .inject(
            Injector.named("gc-pause")
                .withDelay(Delay.fixed(Duration.ofMillis(2)))
                .withStall(Stall.once(Duration.ofMillis(500), Duration.ofMillis(300))))
        .consume(mailbox, order -> {})
        .sendTo(Sender.offering(mailbox::offer));

    OverloadResult result = harness.run();

    // 300 ms without service at 150/s: about 45 messages pile up, then drain
    assertThat(result.highWaterMark()).isBetween(30L, 90L);
    assertThat(result.drainTime("orders")).isPresent();
    assertThat(result.books().isBalanced()).isTrue();
  }

  // README-SNIPPET-END injector

  // README-SNIPPET-START slow-method
  @OverloadTest
  @ConstantLoad(rate = 300, duration = "1s")
  @SlowMethod(type = OrderRepository.class, method = "insert", delay = "5ms") // μ ≈ 200/s
  @ExpectVerdict(Verdict.OVERFLOWED)
  @RecordAutopsy // and where the consumer's time went while it overflowed
  void aSlowInsertDeepInsideTheConsumer_overflowsTheMailbox(OverloadHarness harness) {
    OrderService orders = new OrderService(new OrderRepository()); // calls insert, no seam
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness.consume(mailbox, orders::handle).sendTo(Sender.offering(mailbox::offer));

    OverloadResult result = harness.run();

    // 300/s offered, about 200/s served: the backlog grows at about 100/s
    assertThat(result.assessment().predictedGrowthPerSecond().orElseThrow()).isPositive();
    assertThat(result.highWaterMark()).isGreaterThan(30);
    // the autopsy names the slowed method, not the consumer loop or the injection around it
    assertThat(result.autopsy().orElseThrow().topMethod().orElseThrow().shortName())
        .isEqualTo("ReadmeExamplesTest$OrderRepository.insert");
  } // the run has ended: OrderRepository has its original code again

  // README-SNIPPET-END slow-method

  /** A repository of the application: final, no interface, nothing a test could wrap. */
  static final class OrderRepository {
    private final java.util.List<String> rows = new java.util.ArrayList<>();

    void insert(String row) {
      rows.add(row);
    }
  }

  /** The application's handler, which reaches the repository inside its own code. */
  static final class OrderService {
    private final OrderRepository repository;

    OrderService(OrderRepository repository) {
      this.repository = repository;
    }

    void handle(Message order) {
      repository.insert(order.key() + "#" + order.sequence());
    }
  }

  // README-SNIPPET-START slow-downstream
  @OverloadTest
  @SpikeLoad(base = 50, peak = 150, at = "500ms", hold = "1s", duration = "2s")
  @WireMockDownstream(requestThreads = 32) // more threads than the consumers make calls at once
  @DrainsWithin("3s")
  void resetsDuringThePeak_areFailedCalls_notLostMessages(
      OverloadHarness harness, WireMockChaos downstream) {
    downstream.slow(Delay.fixed(Duration.ofMillis(5))); // every call takes 5 ms from now on
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness
        .consume(mailbox, order -> post(downstream.url())) // two consumers calling the downstream
        .consume(mailbox, order -> post(downstream.url())) // a call that throws counts as failed
        .sendTo(Sender.offering(mailbox::offer))
        .during("spike peak", () -> downstream.failing(Fault.CONNECTION_RESET_BY_PEER));

    OverloadResult result = harness.run();

    // every call WireMock reset is a failed event (a reset can take a call beside it down too)
    assertThat(result.books().failed())
        .isGreaterThanOrEqualTo(downstream.stats().failedOnPurpose());
    assertThat(result.books().processed()).isPositive(); // the calls after the peak all succeed
    assertThat(result.books().isBalanced()).isTrue(); // failed, not lost
    assertThat(result.caveats()).isEmpty(); // WireMock's own pool did not limit the service rate
  }

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** The component's call to its downstream; a call that fails (or takes over 2 s) throws. */
  static void post(URI url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(2))
              .POST(BodyPublishers.noBody())
              .build();
      int status = CLIENT.send(request, BodyHandlers.discarding()).statusCode();
      if (status >= 300) {
        throw new IllegalStateException("the downstream answered " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
  // README-SNIPPET-END slow-downstream
}
