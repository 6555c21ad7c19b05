package dev.spillway.junit.wiremock;

import com.github.tomakehurst.wiremock.http.DelayDistribution;
import dev.spillway.toolkit.inject.Delay;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WireMock delay distribution that draws from a toolkit {@link Delay} model, rounded to the
 * nearest millisecond. In-process only (WireMock cannot write it as JSON). Thread-safe: WireMock
 * calls it from many Jetty threads, each drawing from its own {@link ThreadLocalRandom}.
 */
final class ModelDelayDistribution implements DelayDistribution {

  private final Delay model;

  ModelDelayDistribution(Delay model) {
    this.model = model;
  }

  @Override
  public long sampleMillis() {
    long nanos = model.nextNanos(ThreadLocalRandom.current());
    return nanos / 1_000_000 + (nanos % 1_000_000 >= 500_000 ? 1 : 0);
  }

  @Override
  public String toString() {
    return "ModelDelayDistribution[" + model + "]";
  }
}
