package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.verdict.Verdict;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A validated {@link dev.spillway.junit.ExpectVerdict}.
 *
 * @param verdicts the verdicts accepted, at least one
 * @param queue the queue whose verdict is expected, or {@code ""} for the run's
 */
@API(status = INTERNAL, since = "0.1")
public record VerdictSpec(Set<Verdict> verdicts, String queue) {

  /** Copies the set. */
  public VerdictSpec {
    verdicts = Set.copyOf(verdicts);
  }

  /** The annotation as written, e.g. {@code @ExpectVerdict(SHED)}. */
  public String describe() {
    String values = verdicts.stream().sorted().map(Verdict::name).collect(Collectors.joining(", "));
    String shown = verdicts.size() == 1 ? values : "{" + values + "}";
    return "@ExpectVerdict("
        + (queue.isEmpty() ? shown : "value = " + shown + ", queue = \"" + queue + "\"")
        + ")";
  }
}
