package dev.spillway.toolkit.probe;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array of at most {@code limit} bytes, so that a huge or
 * endless body never fills the heap. Past the limit it cancels the subscription (which closes the
 * connection) and either fails with a {@link BodyTooLargeException} or, when {@code truncate} is
 * set (to quote the start of an error page), completes with the first {@code limit} bytes.
 *
 * <p>Thread-safety: follows the {@link Flow.Subscriber} contract (signals are serialized); the
 * result is read through {@link #getBody()}.
 */
final class BoundedBodySubscriber implements BodySubscriber<byte[]> {

  /** The body was larger than the limit. */
  static final class BodyTooLargeException extends RuntimeException {
    BodyTooLargeException(String message) {
      super(message);
    }
  }

  private final int limit;
  private final boolean truncate;
  private final long declaredLength;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private byte[] bytes = new byte[0];
  private int size;
  private Flow.Subscription subscription;

  /**
   * @param limit the most bytes kept, &gt; 0
   * @param truncate whether a larger body is cut at {@code limit} (true) or is an error (false)
   * @param declaredLength the {@code Content-Length} of the response, or -1 when unknown
   */
  BoundedBodySubscriber(int limit, boolean truncate, long declaredLength) {
    this.limit = limit;
    this.truncate = truncate;
    this.declaredLength = declaredLength;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (!truncate && declaredLength > limit) {
      subscription.cancel();
      result.completeExceptionally(
          new BodyTooLargeException(
              "the response body of "
                  + declaredLength
                  + " bytes (Content-Length) exceeds the limit of "
                  + limit
                  + " bytes"));
      return;
    }
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int remaining = buffer.remaining();
      if (remaining > limit - size) {
        subscription.cancel();
        if (truncate) {
          append(buffer, limit - size);
          result.complete(Arrays.copyOf(bytes, size));
        } else {
          result.completeExceptionally(
              new BodyTooLargeException(
                  "the response body exceeds the limit of "
                      + limit
                      + " bytes (more than "
                      + limit
                      + " bytes received, reading stopped)"));
        }
        return;
      }
      append(buffer, remaining);
    }
  }

  private void append(ByteBuffer buffer, int count) {
    if (size + count > bytes.length) {
      int grown = (int) Math.min(limit, Math.max(size + (long) count, bytes.length * 2L + 8192));
      bytes = Arrays.copyOf(bytes, grown);
    }
    buffer.get(bytes, size, count);
    size += count;
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    result.complete(Arrays.copyOf(bytes, size));
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
