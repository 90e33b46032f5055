package io.berth.container.top;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.container.ContainerException;
import io.berth.events.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to {@code GET /containers/{id}/top}: a {@code ps} table of a container's processes,
 * read from {@code /proc} without a {@code ps} binary. The JSON shape is Docker's {@code
 * {"Titles":[...],"Processes":[[...],...]}} (<a
 * href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerTop">Engine
 * API: top</a>).
 *
 * @param titles the column titles, {@code UID PID PPID C STIME TTY TIME CMD} for {@code -ef}
 * @param processes one row per process, in pid order, one string per column
 */
public record ProcessTable(
    @JsonProperty("Titles") List<String> titles,
    @JsonProperty("Processes") List<List<String>> processes) {

  /** Copies the lists and checks that every row has one value per title. */
  public ProcessTable {
    titles = List.copyOf(titles);
    processes = processes.stream().map(List::copyOf).toList();
    for (List<String> row : processes) {
      if (row.size() != titles.size()) {
        throw new IllegalArgumentException(
            "a row of " + row.size() + " values for " + titles.size() + " titles: " + row);
      }
    }
  }

  /**
   * Lists the given processes as {@code ps psArgs} on the host would, user names from the host's
   * {@code /etc/passwd} (as Docker, which runs {@code ps} on the host). Processes that exit
   * meanwhile are left out.
   *
   * @param pids the container's processes, as in its cgroup's {@code cgroup.procs}
   * @param psArgs {@code ps_args} of the request: empty or null for Docker's default {@code -ef},
   *     or {@code aux}
   * @return the table
   * @throws ContainerException INVALID_ARGUMENT for other {@code ps} arguments
   */
  public static ProcessTable of(List<Long> pids, String psArgs) {
    return of(pids, psArgs, Path.of("/proc"), Path.of("/etc/passwd"));
  }

  static ProcessTable of(List<Long> pids, String psArgs, Path proc, Path passwd) {
    PsFormat format = PsFormat.forArgs(psArgs);
    if (format == null) {
      throw new ContainerException(
          ErrorCode.INVALID_ARGUMENT,
          "ps arguments '"
              + psArgs
              + "' are not supported: Berth supports -ef (the default) and aux");
    }
    try {
      HostSystem host = HostSystem.read(proc, passwd);
      List<List<String>> rows = new ArrayList<>();
      for (long pid : pids.stream().sorted().distinct().toList()) {
        Optional<ProcProcess> process = ProcProcess.read(proc, pid);
        process.ifPresent(p -> rows.add(format.row(p, host)));
      }
      return new ProcessTable(format.titles(), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + proc, e);
    }
  }
}
