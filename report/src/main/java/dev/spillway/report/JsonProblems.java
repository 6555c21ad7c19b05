package dev.spillway.report;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns Jackson's binding errors into {@link ReportFormatException}s that name the field as a JSON
 * pointer, what it must be, and the value found: {@code "field /probes/0/depths/3 must be an
 * integer >= 0, but was -1"}. The value is read from the document's tree at Jackson's path.
 */
final class JsonProblems {

  private JsonProblems() {}

  static ReportFormatException of(JsonMappingException e, JsonNode document) {
    String pointer = pointer(e.getPath());
    JsonRules.FieldProblem field = cause(e, JsonRules.FieldProblem.class);
    if (field != null) {
      String at = (pointer.equals("/") ? "" : pointer) + "/" + field.field();
      String problem = field.getMessage();
      if (field.missing() && document.at(at).isNull()) {
        problem = problem.replaceFirst("^is missing", "is missing (null)");
      }
      return new ReportFormatException("field " + at + " " + problem);
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return new ReportFormatException(
          "field " + pointer + " is not known here (allowed: " + String.join(", ", known(u)) + ")");
    }
    if (e instanceof MismatchedInputException m) {
      String rule =
          e instanceof JsonRules.Broken ? e.getOriginalMessage() : rule(m.getTargetType());
      return new ReportFormatException(
          "field " + pointer + " must be " + rule + ", but was " + shown(document.at(pointer)));
    }
    IllegalArgumentException invalid = cause(e, IllegalArgumentException.class);
    if (invalid != null) {
      return invalid(pointer, invalid);
    }
    return new ReportFormatException(
        null, "field " + pointer + " is not valid: " + e.getOriginalMessage(), e);
  }

  /** The keys allowed where {@code u} found another: a record's in their order, else sorted. */
  private static List<String> known(UnrecognizedPropertyException u) {
    Set<String> ids = new TreeSet<>();
    u.getKnownPropertyIds().forEach(id -> ids.add(String.valueOf(id)));
    List<String> ordered = new ArrayList<>();
    Class<?> type = u.getReferringClass();
    if (type != null && type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        if (ids.remove(c.getName())) {
          ordered.add(c.getName());
        }
      }
    }
    ordered.addAll(ids);
    return ordered;
  }

  /** A model's own validation error for the object at {@code pointer}. */
  static ReportFormatException invalid(String pointer, IllegalArgumentException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return new ReportFormatException(
        "object "
            + pointer
            + " is not valid: "
            + (message.isEmpty()
                ? message
                : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1)));
  }

  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String pointer(List<JsonMappingException.Reference> path) {
    JsonPointer pointer = JsonPointer.empty();
    for (JsonMappingException.Reference r : path) {
      pointer =
          r.getFieldName() != null
              ? pointer.appendProperty(r.getFieldName())
              : pointer.appendIndex(r.getIndex());
    }
    return pointer.matches() ? "/" : pointer.toString();
  }

  private static String rule(Class<?> type) {
    if (type == null) {
      return "another value";
    }
    if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")
        ? "an object"
        : "a " + type.getSimpleName();
  }

  private static String shown(JsonNode node) {
    String text = node.isMissingNode() ? "nothing" : node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
