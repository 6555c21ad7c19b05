package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DepthsTest {

  private static final Function<String, ProbeException> FAIL = ProbeException::new;

  @Test
  void fromDouble_acceptsWholeNonNegativeValues() {
    assertThat(Depths.fromDouble(0.0, FAIL)).isZero();
    assertThat(Depths.fromDouble(-0.0, FAIL)).isZero();
    assertThat(Depths.fromDouble(12.0, FAIL)).isEqualTo(12);
    assertThat(Depths.fromDouble(0x1p62, FAIL)).isEqualTo(1L << 62);
  }

  @ParameterizedTest
  @CsvSource({
    "12.5, value 12.5 is not a whole number of messages",
    "0.1, value 0.1 is not a whole number of messages",
    "-1.0, value -1.0 is negative",
    "NaN, value NaN is not a finite number",
    "Infinity, value Infinity is not a finite number",
    "-Infinity, value -Infinity is not a finite number",
    "1e19, value 1.0E19 is larger than the largest depth 9223372036854775807"
  })
  void fromDouble_rejectsWhatIsNotADepth(double value, String reason) {
    assertThatThrownBy(() -> Depths.fromDouble(value, FAIL))
        .isInstanceOf(ProbeException.class)
        .hasMessageStartingWith(reason);
  }

  @Test
  void fromDecimal_acceptsWholeValuesWhateverTheirScale() {
    assertThat(Depths.fromDecimal(new BigDecimal("12.000"), FAIL)).isEqualTo(12);
    assertThat(Depths.fromDecimal(new BigDecimal("1E+3"), FAIL)).isEqualTo(1000);
    assertThat(Depths.fromDecimal(new BigDecimal("0.00"), FAIL)).isZero();
    assertThat(Depths.fromDecimal(new BigDecimal(Long.MAX_VALUE), FAIL)).isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @CsvSource({
    "12.5, is not a whole number",
    "-3, is negative",
    "9223372036854775808, is larger than the largest depth"
  })
  void fromDecimal_rejectsWhatIsNotADepth(String value, String reason) {
    assertThatThrownBy(() -> Depths.fromDecimal(new BigDecimal(value), FAIL))
        .isInstanceOf(ProbeException.class)
        .hasMessage("value " + value + " " + reason + expectedTail(reason));
  }

  private static String expectedTail(String reason) {
    if (reason.startsWith("is negative")) {
      return "; a depth is a count of messages >= 0";
    }
    if (reason.startsWith("is not a whole")) {
      return " of messages";
    }
    return " " + Long.MAX_VALUE;
  }

  @Test
  void fromNumber_readsIntegralTypesExactly() {
    assertThat(Depths.fromNumber(7, FAIL)).isEqualTo(7);
    assertThat(Depths.fromNumber(Long.MAX_VALUE, FAIL)).isEqualTo(Long.MAX_VALUE);
    assertThat(Depths.fromNumber((short) 3, FAIL)).isEqualTo(3);
    assertThat(Depths.fromNumber(new AtomicLong(11), FAIL)).isEqualTo(11);
    assertThat(Depths.fromNumber(BigInteger.TEN, FAIL)).isEqualTo(10);
    assertThat(Depths.fromNumber(4.0f, FAIL)).isEqualTo(4);
  }

  @Test
  void fromNumber_rejectsNegativeIntegralsAndHugeBigIntegers() {
    assertThatThrownBy(() -> Depths.fromNumber(-1L, FAIL)).hasMessageContaining("-1 is negative");
    assertThatThrownBy(() -> Depths.fromNumber(BigInteger.TWO.pow(64), FAIL))
        .hasMessageContaining("is larger than the largest depth");
    assertThatThrownBy(() -> Depths.fromNumber(2.5f, FAIL))
        .hasMessageContaining("not a whole number");
  }
}
