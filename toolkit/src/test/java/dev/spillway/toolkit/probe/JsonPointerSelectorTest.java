package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JsonPointerSelectorTest {

  private static final Function<String, ProbeException> FAIL = ProbeException::new;

  private static final String DOC =
      "{\"queues\": {\"singleton\": {\"depth\": 42, \"gauge\": 12.0, \"avg\": 3.5,"
          + " \"state\": \"ok\", \"neg\": -1},"
          + " \"partitioned\": [{\"depth\": 1}, {\"depth\": 2}]},"
          + " \"a/b\": {\"m~n\": 5}, \"big\": 123456789012345678901234567890}";

  private static long read(String pointer, String body) {
    return new JsonPointerSelector(pointer).depthFrom(body.getBytes(StandardCharsets.UTF_8), FAIL);
  }

  @Test
  void depthFrom_readsTheNumberThePointerSelects() {
    assertThat(read("/queues/singleton/depth", DOC)).isEqualTo(42);
    assertThat(read("/queues/partitioned/1/depth", DOC)).isEqualTo(2);
    assertThat(read("/queues/singleton/gauge", DOC)).isEqualTo(12);
    assertThat(read("/a~1b/m~0n", DOC)).isEqualTo(5);
    assertThat(read("", "17")).isEqualTo(17);
  }

  @Test
  void depthFrom_whenThePointerMatchesNothing_saysWhatTheDeepestMatchHolds() {
    assertThatThrownBy(() -> read("/queues/singelton/depth", DOC))
        .isInstanceOf(ProbeException.class)
        .hasMessage(
            "the pointer matches nothing; '/queues' is an object with the fields singleton,"
                + " partitioned");
    assertThatThrownBy(() -> read("/queues/partitioned/5/depth", DOC))
        .hasMessage("the pointer matches nothing; '/queues/partitioned' is an array of 2 elements");
    assertThatThrownBy(() -> read("/nope", DOC))
        .hasMessageStartingWith(
            "the pointer matches nothing; the document is an object with the fields queues, a/b");
    assertThatThrownBy(() -> read("/queues/singleton/state/x", DOC))
        .hasMessage(
            "the pointer matches nothing; '/queues/singleton/state' is a string,"
                + " not an object or array");
  }

  @Test
  void depthFrom_whenTheValueIsNotANumber_saysWhatItIs() {
    assertThatThrownBy(() -> read("/queues/singleton/state", DOC))
        .hasMessage("value \"ok\" is a string, not a number");
    assertThatThrownBy(() -> read("/queues/singleton", DOC))
        .hasMessageStartingWith("value {\"depth\":42,")
        .hasMessageEndingWith("is an object, not a number");
    assertThatThrownBy(() -> read("/x", "{\"x\": null}"))
        .hasMessage("value null is null, not a number");
    assertThatThrownBy(() -> read("/x", "{\"x\": true}"))
        .hasMessage("value true is a boolean, not a number");
  }

  @Test
  void depthFrom_whenTheNumberIsNotADepth_saysWhy() {
    assertThatThrownBy(() -> read("/queues/singleton/avg", DOC))
        .hasMessage("value 3.5 is not a whole number of messages");
    assertThatThrownBy(() -> read("/queues/singleton/neg", DOC))
        .hasMessageStartingWith("value -1 is negative");
    assertThatThrownBy(() -> read("/big", DOC))
        .hasMessageContaining("is larger than the largest depth");
  }

  @Test
  void depthFrom_whenTheBodyIsNotJson_says() {
    assertThatThrownBy(() -> read("/x", "depth=3"))
        .hasMessageStartingWith("the body is not valid JSON: ");
    assertThatThrownBy(() -> read("/x", ""))
        .hasMessage("the body is empty, expected a JSON document");
  }

  @Test
  void constructor_rejectsAnInvalidPointer() {
    assertThatThrownBy(() -> new JsonPointerSelector("queues/depth"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "JSON pointer must be an RFC 6901 pointer such as '/queues/0/depth'")
        .hasMessageEndingWith("but was 'queues/depth'");
    assertThatThrownBy(() -> new JsonPointerSelector(null))
        .hasMessage("JSON pointer must not be null");
  }

  @Test
  void describe_namesThePointer() {
    assertThat(new JsonPointerSelector("/a/b").describe()).isEqualTo("JSON pointer '/a/b'");
  }
}
