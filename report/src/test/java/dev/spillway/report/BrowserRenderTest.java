package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in a real browser, as a person would: headless Chromium (Debian's {@code
 * chromium} package) renders a run page and the index offline, and the screenshots must show the
 * charts' lines and the verdict badges in their colours. The screenshots are kept in {@code
 * target/spillway-screenshots/}.
 *
 * <p>Skipped, with the reason, when no {@code chromium} is on the PATH; but when the environment
 * has {@code CI=true} and {@code SPILLWAY_REQUIRE_BROWSER=true}, a missing browser fails the test
 * instead, so that CI cannot go green without looking.
 */
class BrowserRenderTest {

  private static final Path SHOTS = Path.of("target", "spillway-screenshots");

  private static Path chromium;

  @BeforeEach
  void findChromium() {
    Optional<Path> found = onPath("chromium").or(() -> onPath("chromium-browser"));
    if (found.isEmpty()) {
      boolean required =
          "true".equals(System.getenv("CI"))
              && "true".equals(System.getenv("SPILLWAY_REQUIRE_BROWSER"));
      String reason =
          "no 'chromium' on the PATH (install Debian's chromium package: apt-get install -y chromium)";
      if (required) {
        fail("CI=true and SPILLWAY_REQUIRE_BROWSER=true, but " + reason);
      }
      Assumptions.abort(
          reason + "; set CI=true and SPILLWAY_REQUIRE_BROWSER=true to make this fail");
    }
    chromium = found.get();
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Renders {@code page} with headless Chromium into {@code png}. */
  private static BufferedImage screenshot(Path page, Path png, Path profile, int height)
      throws Exception {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--screenshot=" + png.toAbsolutePath(),
                "--window-size=1200," + height,
                page.toAbsolutePath().toUri().toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish rendering " + page + " within 90 s");
    }
    String log =
        Files.readString(
            profile.resolveSibling(profile.getFileName() + ".log"), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("chromium's exit status; its output:\n" + log).isZero();
    assertThat(png).as("chromium's screenshot; its output:\n" + log).isRegularFile();
    return ImageIO.read(png.toFile());
  }

  /** How many pixels are within a small distance of {@code rgb}. */
  private static int pixelsNear(BufferedImage image, int rgb) {
    int r = (rgb >> 16) & 0xff;
    int g = (rgb >> 8) & 0xff;
    int b = rgb & 0xff;
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        int dr = ((p >> 16) & 0xff) - r;
        int dg = ((p >> 8) & 0xff) - g;
        int db = (p & 0xff) - b;
        if (dr * dr + dg * dg + db * db < 40 * 40) {
          n++;
        }
      }
    }
    return n;
  }

  private static double nonWhiteShare(BufferedImage image) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y);
        if (((p >> 16) & 0xff) < 235 || ((p >> 8) & 0xff) < 235 || (p & 0xff) < 235) {
          n++;
        }
      }
    }
    return (double) n / ((long) image.getWidth() * image.getHeight());
  }

  @Test
  void runPage_rendersItsChartsInChromium(@TempDir Path dir) throws Exception {
    ReportWriter writer = ReportWriter.to(dir.resolve("report"));
    writer.writeAll(SampleRuns.all());

    BufferedImage shot =
        screenshot(
            writer.runsDirectory().resolve("sentinel-spike.html"),
            SHOTS.resolve("run-sentinel-spike.png"),
            dir.resolve("profile"),
            1600);

    assertThat(nonWhiteShare(shot)).as("share of non-white pixels").isGreaterThan(0.05);
    assertThat(pixelsNear(shot, 0x1f5fbf)).as("pixels of the depth line").isGreaterThan(1500);
    assertThat(pixelsNear(shot, 0xb91c1c)).as("pixels of the bound line").isGreaterThan(300);
    assertThat(pixelsNear(shot, 0xdc2626)).as("pixels of the breach marker").isGreaterThan(20);
  }

  @Test
  void index_rendersTheSurvivalMatrixInChromium(@TempDir Path dir) throws Exception {
    ReportWriter writer = ReportWriter.to(dir.resolve("report"));
    Path index = writer.writeAll(SampleRuns.all());

    BufferedImage shot =
        screenshot(index, SHOTS.resolve("survival-matrix.png"), dir.resolve("profile"), 760);

    assertThat(nonWhiteShare(shot)).as("share of non-white pixels").isGreaterThan(0.02);
    assertThat(pixelsNear(shot, 0x1e7d3a)).as("pixels of the SURVIVED badge").isGreaterThan(200);
    assertThat(pixelsNear(shot, 0xc2410c)).as("pixels of the OVERFLOWED badge").isGreaterThan(200);
    assertThat(pixelsNear(shot, 0x1f6fa8)).as("pixels of the SHED badge").isGreaterThan(200);
  }

  @Test
  void pixelCounts_seeABlankPageAsBlank(@TempDir Path dir) throws Exception {
    Path blank =
        Files.writeString(dir.resolve("blank.html"), "<!DOCTYPE html><html><body></body></html>");

    BufferedImage shot = screenshot(blank, dir.resolve("blank.png"), dir.resolve("profile"), 600);

    assertThat(nonWhiteShare(shot)).isLessThan(0.001);
    assertThat(pixelsNear(shot, 0x1f5fbf)).isZero();
  }
}
