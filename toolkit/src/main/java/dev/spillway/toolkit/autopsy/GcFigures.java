package dev.spillway.toolkit.autopsy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The garbage collections of the whole JVM during the window (collections are not per thread: a
 * pause stops the watched threads too). Immutable.
 *
 * @param pauseTime the sum of the collections' pauses in the window
 * @param pauseShare {@code pauseTime} over the window's length, in [0, 1]
 * @param pauses each collection that started in the window, in time order: its start, pause and the
 *     heap used after it (the series a GC death-spiral detector reads)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GcFigures(Duration pauseTime, double pauseShare, List<GcPause> pauses) {

  /** No collection. */
  public static final GcFigures NONE = new GcFigures(Duration.ZERO, 0, List.of());

  /** Validates the components and copies the list. */
  public GcFigures {
    Preconditions.notNegative(pauseTime, "GC pause time");
    Shares.check(pauseShare, "GC pause share");
    pauses = List.copyOf(Preconditions.notNull(pauses, "GC pauses"));
  }

  /** How many collections started in the window. */
  public int collections() {
    return pauses.size();
  }
}
