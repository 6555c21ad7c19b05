package dev.spillway.toolkit.probe;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Selects a number in a JSON document by a JSON Pointer (RFC 6901), such as {@code
 * /queues/singleton/depth} or {@code /partitions/0/depth}.
 *
 * <p>Thread-safety: immutable; all methods thread-safe.
 */
final class JsonPointerSelector implements MetricSelector {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String expression;
  private final JsonPointer pointer;

  /** {@code expression}: a JSON Pointer, {@code ""} (the whole document) or starting with '/'. */
  JsonPointerSelector(String expression) {
    Preconditions.notNull(expression, "JSON pointer");
    try {
      this.pointer = JsonPointer.compile(expression);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "JSON pointer must be an RFC 6901 pointer such as '/queues/0/depth' ("
              + e.getMessage()
              + "), but was '"
              + expression
              + "'",
          e);
    }
    this.expression = expression;
  }

  @Override
  public String describe() {
    return "JSON pointer '" + expression + "'";
  }

  @Override
  public String accept() {
    return "application/json";
  }

  @Override
  public long depthFrom(byte[] body, Function<String, ProbeException> failure) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw failure.apply("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw failure.apply("the body could not be read as JSON: " + e);
    }
    if (root == null || root.isMissingNode()) {
      throw failure.apply("the body is empty, expected a JSON document");
    }
    JsonNode node = root.at(pointer);
    if (node.isMissingNode()) {
      throw failure.apply("the pointer matches nothing; " + deepestMatch(root));
    }
    if (!node.isNumber()) {
      throw failure.apply(
          "value " + abbreviate(node.toString()) + " is " + describe(node) + ", not a number");
    }
    if (node.isIntegralNumber()) {
      return Depths.fromNumber(node.bigIntegerValue(), failure);
    }
    if (node.isBigDecimal()) {
      return Depths.fromDecimal(node.decimalValue(), failure);
    }
    return Depths.fromDouble(node.doubleValue(), failure);
  }

  /** Says what the longest existing prefix of the pointer holds. */
  private String deepestMatch(JsonNode root) {
    JsonPointer prefix = pointer.head();
    while (prefix != null && root.at(prefix).isMissingNode()) {
      prefix = prefix.head();
    }
    if (prefix == null) {
      prefix = JsonPointer.empty();
    }
    JsonNode node = root.at(prefix);
    String where = prefix.matches() ? "the document" : "'" + prefix + "'";
    if (node.isObject()) {
      List<String> fields = new ArrayList<>();
      node.fieldNames().forEachRemaining(fields::add);
      String shown =
          String.join(", ", fields.subList(0, Math.min(fields.size(), PrometheusSelector.SHOWN)));
      String more =
          fields.size() > PrometheusSelector.SHOWN
              ? " and " + (fields.size() - PrometheusSelector.SHOWN) + " more"
              : "";
      return fields.isEmpty()
          ? where + " is an empty object"
          : where + " is an object with the fields " + shown + more;
    }
    if (node.isArray()) {
      return where + " is an array of " + node.size() + " elements";
    }
    return where + " is " + describe(node) + ", not an object or array";
  }

  private static String describe(JsonNode node) {
    switch (node.getNodeType()) {
      case STRING:
        return "a string";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      default:
        return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }

  @Override
  public String toString() {
    return "JsonPointerSelector[pointer=" + expression + "]";
  }
}
