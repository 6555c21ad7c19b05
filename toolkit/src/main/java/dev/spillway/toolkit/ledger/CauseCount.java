package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How many failures (or rejections) had one cause: an exception class, or a reason given in words.
 *
 * @param cause the exception's class name, or the reason or description given; {@value
 *     #OTHER_CAUSES} for the causes past the most a ledger tallies one by one
 * @param count how many messages had it; &gt;= 1
 * @param examples the first few distinct messages of the cause's exceptions (at most {@value
 *     #MAX_EXAMPLES}, each at most {@value #MAX_EXAMPLE_LENGTH} characters); may be empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CauseCount(String cause, long count, List<String> examples) {

  /** The most examples kept per cause. */
  public static final int MAX_EXAMPLES = 3;

  /** The longest example kept, in characters; longer ones are cut with an ellipsis. */
  public static final int MAX_EXAMPLE_LENGTH = 200;

  /** The cause the tally files every cause under once it holds its most causes. */
  public static final String OTHER_CAUSES = "(other causes)";

  /** Validates the components and copies the list. */
  public CauseCount {
    Preconditions.notBlank(cause, "cause");
    Preconditions.positive(count, "cause count");
    examples = List.copyOf(Preconditions.notNull(examples, "examples"));
    Preconditions.check(
        examples.size() <= MAX_EXAMPLES, "examples", "at most " + MAX_EXAMPLES, examples.size());
  }

  /**
   * {@code "400 × java.lang.IllegalStateException (e.g. \"downstream down\")"}: the count, the
   * cause and its first example.
   */
  public String describe() {
    String text = String.format(Locale.ROOT, "%,d × %s", count, cause);
    return examples.isEmpty() ? text : text + " (e.g. \"" + examples.get(0) + "\")";
  }
}
