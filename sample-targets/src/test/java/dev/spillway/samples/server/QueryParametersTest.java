package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Query strings read strictly: every refusal names the parameter and shows no raw control byte. */
class QueryParametersTest {

  @Test
  void namesAndValues_areDecoded_inOrder() {
    assertThat(QueryParameters.parse("a=1&key=caf%C3%A9+au+lait&flag&&b="))
        .containsExactly(
            Map.entry("a", "1"),
            Map.entry("key", "café au lait"),
            Map.entry("flag", ""),
            Map.entry("b", ""));
    assertThat(QueryParameters.parse(null)).isEmpty();
    assertThat(QueryParameters.parse("")).isEmpty();
    assertThat(QueryParameters.parse("keys=1")).doesNotContainKey("key");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "key=a&key=b|query parameter 'key' must be given once, but was given 2 times",
        "key=a&x=1&key=a&k%65y=c|query parameter 'key' must be given once, but was given 3 times",
        "key=a%00b|query parameter 'key' must not contain control characters, but had \\x00 at"
            + " position 2",
        "key=a%0D%0Ab|query parameter 'key' must not contain control characters, but had \\x0D at"
            + " position 2",
        "key=%C2%85|query parameter 'key' must not contain control characters, but had \\x85 at"
            + " position 1",
        "ke%0Ay=1|query parameter 'ke\\x0Ay' must not have control characters in its name",
        "key=%ZZ|query parameter 'key' has a malformed percent-encoding: '%' must be followed by"
            + " two hex digits",
        "key=%|query parameter 'key' has a malformed percent-encoding: '%' must be followed by two"
            + " hex digits",
        "key=%C3%28|query parameter 'key' must be UTF-8 once percent-decoded, but was not:"
            + " '%C3%28'",
        "%FF=1|query parameter name '%FF' must be UTF-8 once percent-decoded, but was not: '%FF'",
      })
  void aMalformedRepeatedOrControlCharacterParameter_isRefused_namingIt(
      String query, String message) {
    assertThatThrownBy(() -> QueryParameters.parse(query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
