package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.junit.OverloadHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * The report labels of one invocation of a test template (a parameterized or repeated overload
 * test): fills the placeholders of a declared {@link dev.spillway.junit.ReportAs} — {@code {0}},
 * {@code {1}}… an argument, {@code {arguments}} all of them, {@code {index}} the invocation's index
 * — and names the invocation's run.
 */
@API(status = INTERNAL, since = "0.1")
public final class InvocationLabels {

  /** The default scenario of a parameterized invocation, after the method's name. */
  static final String DEFAULT_SCENARIO_SUFFIX = " [{index}] {arguments}";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(index|arguments|\\d+)}");
  private static final Pattern INVOCATION =
      Pattern.compile("\\[test-template-invocation:#(\\d+)]$");
  private static final int MAX_ARGUMENT_CHARS = 100;

  private InvocationLabels() {}

  /** Whether {@code label} has a placeholder. */
  static boolean hasPlaceholder(String label) {
    return PLACEHOLDER.matcher(label).find();
  }

  /**
   * The index of the test-template invocation whose JUnit unique id is {@code uniqueId}, or 0 when
   * it is not one.
   */
  public static int indexOf(String uniqueId) {
    Matcher m = INVOCATION.matcher(uniqueId);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * The labels of invocation {@code index} of method {@code method}, called with {@code arguments}:
   * the placeholders of {@code declared} filled with the arguments declared before the {@link
   * OverloadHarness}.
   *
   * @throws ExtensionConfigurationException when a placeholder names an argument the invocation
   *     does not have, or a label comes out blank
   */
  public static ReportLabels fill(
      ReportLabels declared, String method, int index, List<Object> arguments) {
    List<Object> own = ownArguments(arguments);
    return new ReportLabels(
        fill("design", declared.design(), method, index, own),
        fill("scenario", declared.scenario(), method, index, own));
  }

  private static String fill(
      String attribute, String label, String method, int index, List<Object> arguments) {
    Matcher m = PLACEHOLDER.matcher(label);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value;
      if (name.equals("index")) {
        value = Integer.toString(index);
      } else if (name.equals("arguments")) {
        List<String> all = new ArrayList<>();
        arguments.forEach(a -> all.add(text(a)));
        value = String.join(", ", all);
      } else {
        int at = Integer.parseInt(name);
        if (at >= arguments.size()) {
          throw new ExtensionConfigurationException(
              "@ReportAs requires that "
                  + attribute
                  + " name only arguments the invocation has, but was '"
                  + label
                  + "': invocation ["
                  + index
                  + "] of '"
                  + method
                  + "' has "
                  + (arguments.isEmpty()
                      ? "no argument before its OverloadHarness"
                      : arguments.size() + " ({0} to {" + (arguments.size() - 1) + "})"));
        }
        value = text(arguments.get(at));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    String filled = out.toString();
    if (filled.isBlank()) {
      throw new ExtensionConfigurationException(
          "@ReportAs requires that "
              + attribute
              + " not be blank, but '"
              + label
              + "' gave '"
              + filled
              + "' for invocation ["
              + index
              + "] of '"
              + method
              + "'");
    }
    return filled;
  }

  /** The arguments before the first {@link OverloadHarness}: those of the template's source. */
  private static List<Object> ownArguments(List<Object> arguments) {
    List<Object> own = new ArrayList<>();
    for (Object argument : arguments) {
      if (argument instanceof OverloadHarness) {
        break;
      }
      own.add(argument);
    }
    return own;
  }

  private static String text(Object argument) {
    String text =
        argument != null && argument.getClass().isArray()
            ? Arrays.deepToString(new Object[] {argument}).replaceAll("^\\[|]$", "")
            : String.valueOf(argument);
    return text.length() <= MAX_ARGUMENT_CHARS
        ? text
        : text.substring(0, MAX_ARGUMENT_CHARS - 1) + "…";
  }
}
