package dev.spillway.report;

import java.nio.file.Path;

/**
 * Writes the sample report to {@code target/spillway-demo} (or the directory given), and a report
 * as wide as the survival suite's ({@link WideSuite}) next to it, {@code
 * target/spillway-demo-wide}, to look at.
 *
 * <p>Run: {@code ./mvnw -q -B -pl report -am test-compile exec:java@demo
 * -Dexec.mainClass=dev.spillway.report.ReportDemo}
 */
public final class ReportDemo {

  private ReportDemo() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/spillway-demo");
    ReportWriter writer = ReportWriter.to(dir);
    for (RunResult run : SampleRuns.all()) {
      System.out.println(writer.writeRun(run).consoleLine());
    }
    System.out.println("index: " + writer.writeIndex().toAbsolutePath().toUri());
    ReportWriter wide = ReportWriter.to(dir.resolveSibling(dir.getFileName() + "-wide"));
    for (RunResult run : WideSuite.runs()) {
      wide.writeRun(run);
    }
    System.out.println("a wide report, to check the layout: " + wide.writeIndex().toUri());
  }
}
