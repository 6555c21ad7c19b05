package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class ReportSettingsTest {

  private static ReportSettings read(Map<String, String> parameters) {
    return ReportSettings.read(key -> Optional.ofNullable(parameters.get(key)));
  }

  @Test
  void withoutParameters_reportsAreOn_inTargetSpillway() {
    assertThat(read(Map.of())).isEqualTo(new ReportSettings(true, Path.of("target/spillway")));
  }

  @Test
  void theParameters_setTheDirectory_andTurnReportsOff_caseAndSpacesAside() {
    assertThat(
            read(
                Map.of(
                    ReportSettings.DIRECTORY, " build/reports ",
                    ReportSettings.ENABLED, " FALSE")))
        .isEqualTo(new ReportSettings(false, Path.of("build/reports")));
  }

  @Test
  void enabled_otherThanTrueOrFalse_isRejectedWithItsValue() {
    assertThatThrownBy(() -> read(Map.of(ReportSettings.ENABLED, "yes")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "configuration parameter spillway.report.enabled must be true or false, but was"
                + " \"yes\"");
  }

  @Test
  void aBlankDirectory_isRejected_withTheOtherProblems() {
    assertThatThrownBy(
            () -> read(Map.of(ReportSettings.DIRECTORY, "  ", ReportSettings.ENABLED, "")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "configuration parameter spillway.report.enabled must be true or false, but was"
                + " \"\";\n"
                + "configuration parameter spillway.report.dir must be a directory (not blank),"
                + " but was \"  \"");
  }

  @Test
  void anInvalidPath_isRejectedWithTheReason() {
    assertThatThrownBy(() -> read(Map.of(ReportSettings.DIRECTORY, "bad\0path")))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessageStartingWith(
            "configuration parameter spillway.report.dir must be a valid path, but was");
  }
}
