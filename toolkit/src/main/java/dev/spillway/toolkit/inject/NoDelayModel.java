package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.random.RandomGenerator;
import org.apiguardian.api.API;

/** The model of no delay; get it from {@link Delay#none()}. Immutable and thread-safe. */
@API(status = EXPERIMENTAL, since = "0.1")
public record NoDelayModel() implements Delay {

  static final NoDelayModel INSTANCE = new NoDelayModel();

  /** Always 0; draws nothing from {@code random}. */
  @Override
  public long nextNanos(RandomGenerator random) {
    return 0;
  }

  /** 0. */
  @Override
  public double meanNanos() {
    return 0;
  }
}
