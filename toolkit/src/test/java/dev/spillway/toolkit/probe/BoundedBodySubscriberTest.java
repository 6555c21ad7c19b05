package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BoundedBodySubscriberTest {

  /** Records what the subscriber asks of its subscription. */
  private static final class FakeSubscription implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static CompletableFuture<byte[]> body(BoundedBodySubscriber subscriber) {
    return subscriber.getBody().toCompletableFuture();
  }

  @Test
  void collectsABodyWithinTheLimitAcrossManyBuffers() throws Exception {
    BoundedBodySubscriber subscriber = new BoundedBodySubscriber(20_000, false, -1);
    FakeSubscription subscription = new FakeSubscription();
    subscriber.onSubscribe(subscription);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      String piece = "line " + i + "\n";
      expected.append(piece);
      subscriber.onNext(List.of(bytes(piece)));
    }
    subscriber.onComplete();

    assertThat(new String(body(subscriber).get(), StandardCharsets.UTF_8))
        .isEqualTo(expected.toString());
    assertThat(subscription.cancelled).isFalse();
    assertThat(subscription.requested).isPositive();
  }

  @Test
  void acceptsABodyOfExactlyTheLimit() throws Exception {
    BoundedBodySubscriber subscriber = new BoundedBodySubscriber(4, false, 4);
    subscriber.onSubscribe(new FakeSubscription());
    subscriber.onNext(List.of(bytes("ab"), bytes("cd")));
    subscriber.onComplete();

    assertThat(body(subscriber).get()).isEqualTo("abcd".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void failsAndCancelsOneByteOverTheLimit() {
    BoundedBodySubscriber subscriber = new BoundedBodySubscriber(4, false, -1);
    FakeSubscription subscription = new FakeSubscription();
    subscriber.onSubscribe(subscription);
    subscriber.onNext(List.of(bytes("abcd")));
    subscriber.onNext(List.of(bytes("e")));
    subscriber.onNext(List.of(bytes("ignored after the failure")));

    assertThat(subscription.cancelled).isTrue();
    assertThat(body(subscriber))
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(BoundedBodySubscriber.BodyTooLargeException.class)
        .withMessageContaining("exceeds the limit of 4 bytes");
  }

  @Test
  void failsAtOnceWhenContentLengthIsOverTheLimit() {
    BoundedBodySubscriber subscriber = new BoundedBodySubscriber(4, false, 5);
    FakeSubscription subscription = new FakeSubscription();
    subscriber.onSubscribe(subscription);

    assertThat(subscription.cancelled).isTrue();
    assertThat(subscription.requested).isZero();
    assertThat(body(subscriber))
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withMessageContaining("the response body of 5 bytes (Content-Length) exceeds the limit");
  }

  @Test
  void truncatingKeepsTheFirstBytesAndCancels() throws Exception {
    BoundedBodySubscriber subscriber = new BoundedBodySubscriber(5, true, 1_000);
    FakeSubscription subscription = new FakeSubscription();
    subscriber.onSubscribe(subscription);
    subscriber.onNext(List.of(bytes("abc"), bytes("defgh")));

    assertThat(subscription.cancelled).isTrue();
    assertThat(body(subscriber).get()).isEqualTo("abcde".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void passesOnATransportError() {
    BoundedBodySubscriber subscriber = new BoundedBodySubscriber(5, false, -1);
    subscriber.onSubscribe(new FakeSubscription());
    subscriber.onError(new IOException("reset"));

    assertThat(body(subscriber))
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withMessageContaining("reset");
  }
}
