package dev.spillway.report;

import java.nio.file.Path;

/**
 * Writes the sample report to {@code target/spillway-demo} (or the directory given), to look at.
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
  }
}
