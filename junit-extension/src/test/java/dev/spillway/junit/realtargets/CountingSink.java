package dev.spillway.junit.realtargets;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A Reactor {@link Sinks.Many} that counts, apart from Spillway, what each {@code tryEmitNext}
 * answered, and otherwise is the sink it wraps ({@link #asFlux()} is the wrapped sink's own flux,
 * so operators fuse with it as they would). Thread-safe as the wrapped sink is.
 */
final class CountingSink<T> implements Sinks.Many<T> {

  private final Sinks.Many<T> sink;
  private final Map<Sinks.EmitResult, LongAdder> results = new EnumMap<>(Sinks.EmitResult.class);
  private final LongAdder acceptedAfterARefusal = new LongAdder();
  private volatile boolean refusedOnce;

  CountingSink(Sinks.Many<T> sink) {
    this.sink = sink;
    for (Sinks.EmitResult result : Sinks.EmitResult.values()) {
      results.put(result, new LongAdder());
    }
  }

  @Override
  public Sinks.EmitResult tryEmitNext(T t) {
    Sinks.EmitResult result = sink.tryEmitNext(t);
    results.get(result).increment();
    if (result.isFailure()) {
      refusedOnce = true;
    } else if (refusedOnce) {
      acceptedAfterARefusal.increment();
    }
    return result;
  }

  /** Emissions that succeeded after one had failed: 0 for a sink that never took one again. */
  long acceptedAfterARefusal() {
    return acceptedAfterARefusal.sum();
  }

  /** Emissions that answered {@code result}. */
  long answered(Sinks.EmitResult result) {
    return results.get(result).sum();
  }

  /** Every emission. */
  long emissions() {
    return results.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Emissions that failed, whatever the reason. */
  long refused() {
    return emissions() - answered(Sinks.EmitResult.OK);
  }

  @Override
  public Sinks.EmitResult tryEmitComplete() {
    return sink.tryEmitComplete();
  }

  @Override
  public Sinks.EmitResult tryEmitError(Throwable error) {
    return sink.tryEmitError(error);
  }

  @Override
  public void emitNext(T t, Sinks.EmitFailureHandler failureHandler) {
    throw new UnsupportedOperationException("the target emits with tryEmitNext only");
  }

  @Override
  public void emitComplete(Sinks.EmitFailureHandler failureHandler) {
    sink.emitComplete(failureHandler);
  }

  @Override
  public void emitError(Throwable error, Sinks.EmitFailureHandler failureHandler) {
    sink.emitError(error, failureHandler);
  }

  @Override
  public int currentSubscriberCount() {
    return sink.currentSubscriberCount();
  }

  @Override
  public Flux<T> asFlux() {
    return sink.asFlux();
  }

  @Override
  @SuppressWarnings("rawtypes") // Reactor declares scanUnsafe(Attr) with the raw type
  public Object scanUnsafe(Attr key) {
    return sink.scanUnsafe(key);
  }
}
