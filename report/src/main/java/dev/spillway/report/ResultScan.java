package dev.spillway.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run results found in a directory: every {@code *.json} file directly in it, read, and the
 * files that could not be read with the reason. Duplicate ids count as a problem.
 *
 * @param runs the results read, ordered by start time, then id
 * @param problems one line per file that could not be used: {@code "<file>: <problem>"}
 */
record ResultScan(List<RunResult> runs, List<String> problems) {

  static ResultScan of(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no such directory of run results");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    List<RunResult> runs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Path> ids = new HashMap<>();
    for (Path file : files) {
      try {
        RunResult run = RunResultJson.read(file);
        Path earlier = ids.putIfAbsent(run.id(), file);
        if (earlier != null) {
          problems.add(file + ": run id '" + run.id() + "' is also the id of " + earlier);
          continue;
        }
        runs.add(run);
      } catch (ReportFormatException e) {
        problems.add(e.getMessage());
      }
    }
    runs.sort(Comparator.comparing(RunResult::startedAt).thenComparing(RunResult::id));
    return new ResultScan(List.copyOf(runs), List.copyOf(problems));
  }
}
