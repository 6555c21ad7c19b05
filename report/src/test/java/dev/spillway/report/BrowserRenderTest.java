package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report in a real browser, as a person would: headless Chromium (Debian's {@code
 * chromium} package) renders a run page and the index offline, and the screenshots must show the
 * charts' lines and the verdict badges in their colours. The screenshots are kept in {@code
 * target/spillway-screenshots/}. A report as wide as the survival suite's, with a long run name and
 * long phase names ({@link WideSuite}), is measured in the browser at 1,400 px: no page may need
 * sideways scrolling, and every phase label must fit its band.
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

  /**
   * Loads {@code pages} into frames {@code width} px wide in a page of the test's own, whose script
   * measures each once all have loaded (the report's pages have no script): how wide the page is
   * against its window, the elements that reach past the window outside a scroll box, and each
   * phase band of the charts with its label. Returns the measurements, one JSON object per page.
   */
  private static JsonNode measure(List<Path> pages, int width, Path dir) throws Exception {
    StringBuilder frames = new StringBuilder();
    for (Path page : pages) {
      frames
          .append("<iframe style=\"border:0;display:block;width:")
          .append(width)
          .append("px;height:30000px\" src=\"")
          .append(page.toAbsolutePath().toUri())
          .append("\"></iframe>\n");
    }
    Path harness =
        Files.writeString(
            dir.resolve("measure.html"),
            "<!DOCTYPE html><html><body style=\"margin:0\">\n"
                + frames
                + "<pre id=\"out\">not measured</pre>\n<script>\n"
                + MEASURE
                + "</script></body></html>\n");
    Path log = dir.resolve("measure.log");
    Process process =
        new ProcessBuilder(
                chromium.toString(),
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--hide-scrollbars",
                "--allow-file-access-from-files", // the measuring page reads the frames' documents
                "--user-data-dir=" + dir.resolve("profile").toAbsolutePath(),
                "--dump-dom",
                harness.toAbsolutePath().toUri().toString())
            .redirectError(log.toFile())
            .start();
    String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("chromium did not finish measuring within 90 s");
    }
    Matcher out = Pattern.compile("<pre id=\"out\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertThat(out.find()).as("the measuring page in chromium's DOM:\n" + dom).isTrue();
    String json = out.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    assertThat(json)
        .as("chromium's output: " + Files.readString(log, StandardCharsets.UTF_8))
        .startsWith("[");
    return new ObjectMapper().readTree(json);
  }

  /** The measuring script of {@link #measure}. */
  private static final String MEASURE =
      """
      window.addEventListener('load', function () {
        var pages = [];
        document.querySelectorAll('iframe').forEach(function (frame) {
          var doc = frame.contentDocument;
          var width = doc.documentElement.clientWidth;
          var beyond = [];
          doc.body.querySelectorAll('*').forEach(function (el) {
            if (el.getBoundingClientRect().right > width + 0.5 && !el.closest('.scroll')
                && beyond.length < 5) {
              beyond.push(el.tagName + '.' + el.getAttribute('class') + ': '
                  + (el.textContent || '').slice(0, 60));
            }
          });
          var bands = [];
          doc.querySelectorAll('svg g.band').forEach(function (g) {
            var box = g.querySelector('rect').getBBox();
            var text = g.querySelector('text');
            var label = text ? text.getBBox() : null;
            var shown = [];
            g.querySelectorAll('tspan').forEach(function (t) { shown.push(t.textContent); });
            bands.push({
              title: g.querySelector('title').textContent,
              shown: shown.join(' '),
              spills: label != null && (label.x < box.x || label.x + label.width > box.x + box.width
                  || label.y + label.height > box.y + box.height)
            });
          });
          pages.push({page: frame.getAttribute('src'), scrollWidth: doc.documentElement.scrollWidth,
              width: width, beyond: beyond, bands: bands});
        });
        document.getElementById('out').textContent = JSON.stringify(pages);
      });
      """;

  @Test
  void at1400Pixels_aWideReport_needsNoSidewaysScrolling_andItsLabelsFit(@TempDir Path dir)
      throws Exception {
    ReportWriter writer = ReportWriter.to(dir.resolve("report"));
    for (RunResult run : WideSuite.runs()) {
      writer.writeRun(run);
    }
    Path index = writer.writeIndex();
    Path longRun = writer.runsDirectory().resolve(WideSuite.LONG_ID + ".html");

    JsonNode pages = measure(List.of(index, longRun), 1400, dir);

    assertThat(pages).hasSize(2);
    for (JsonNode page : pages) {
      String name = page.get("page").asText();
      assertThat(page.get("width").asInt()).as("window width of " + name).isEqualTo(1400);
      assertThat(page.get("beyond")).as("elements reaching past the window in " + name).isEmpty();
      assertThat(page.get("scrollWidth").asInt()).as("page width of " + name).isEqualTo(1400);
    }
    JsonNode bands = pages.get(1).get("bands");
    assertThat(bands).hasSize(2 * 5); // five phases on the depth and the rate chart
    for (JsonNode band : bands) {
      assertThat(band.get("spills").asBoolean()).as("label spills: " + band).isFalse();
    }
    assertThat(bands)
        .extracting(b -> b.get("shown").asText())
        .contains("warm-up at the base rate of the seed incident", "peak")
        .anyMatch(shown -> shown.startsWith("the ramp") && shown.endsWith("…"));
    assertThat(bands)
        .extracting(b -> b.get("title").asText())
        .anyMatch(title -> title.startsWith("phase 'the ramp the incident of March began with'"));
  }

  @Test
  void capacityPages_drawTheCurvesAndTheFit_andNeedNoSidewaysScrollingAt1400Pixels(
      @TempDir Path dir) throws Exception {
    ReportWriter writer = ReportWriter.to(dir.resolve("report"));
    List<RunResult> runs = new ArrayList<>(SampleRuns.all());
    runs.addAll(SampleCapacity.partitionedRuns());
    runs.add(SampleCapacity.run("capacity-singleton", "singleton", 200));
    Path index = writer.writeAll(runs);
    Path page = writer.runsDirectory().resolve("capacity-singleton.html");

    JsonNode pages = measure(List.of(index, page), 1400, dir);
    BufferedImage shot =
        screenshot(page, SHOTS.resolve("capacity-singleton.png"), dir.resolve("profile"), 1500);

    for (JsonNode measured : pages) {
      String name = measured.get("page").asText();
      assertThat(measured.get("beyond"))
          .as("elements reaching past the window in " + name)
          .isEmpty();
      assertThat(measured.get("scrollWidth").asInt()).as("page width of " + name).isEqualTo(1400);
      for (JsonNode band : measured.get("bands")) {
        assertThat(band.get("spills").asBoolean()).as("label spills: " + band).isFalse();
      }
    }
    assertThat(pages.get(1).get("bands")).hasSize(3); // the knee's interval on each curve
    assertThat(pixelsNear(shot, 0x15803d)).as("pixels of the sustained trials").isGreaterThan(300);
    assertThat(pixelsNear(shot, 0xdc2626))
        .as("pixels of the trials not sustained")
        .isGreaterThan(300);
    assertThat(pixelsNear(shot, 0x1f5fbf)).as("pixels of the curves").isGreaterThan(1000);
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
