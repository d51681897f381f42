package io.livedesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from /proc. */
final class ProcStats {

  /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ). */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {
  }

  /** The machine's load averages and runnable tasks ({@code /proc/loadavg}), to say what else ran meanwhile. */
  static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  /** User + system CPU seconds the process has used so far. */
  static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
    }
  }

  /**
   * User + system CPU seconds of the process's threads whose name starts with one of {@code prefixes}
   * (as /proc shows it, at most 15 characters): the event loops and the journal, without the compiler
   * and the collector, which vary most from run to run on a loaded machine.
   */
  static double threadSeconds(long pid, String... prefixes) {
    double[] sum = {0};
    eachThread(pid, (name, seconds) -> {
      for (String prefix : prefixes) {
        if (name.startsWith(prefix)) {
          sum[0] += seconds;
          return;
        }
      }
    });
    return sum[0];
  }

  /**
   * CPU seconds (user + kernel) per kind of thread: each thread's name as /proc shows it with its digits
   * taken out, so the event loops add up to one entry, the compiler threads to another.
   */
  static java.util.Map<String, Double> threadGroupSeconds(long pid) {
    java.util.Map<String, Double> groups = new java.util.TreeMap<>();
    eachThread(pid, (name, seconds) -> groups.merge(name.replaceAll("[0-9]+", "#"), seconds, Double::sum));
    return groups;
  }

  /** Each live thread of the process: its name as /proc shows it, and its user + system CPU seconds. */
  private static void eachThread(long pid, java.util.function.ObjDoubleConsumer<String> thread) {
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        thread.accept(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
            (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/" + pid + "/task", e);
    }
  }

  /**
   * Voluntary context switches of the process's threads so far (each a thread going to sleep to be woken
   * later: a hop between threads costs one), from each thread's status.
   */
  static long voluntarySwitches(long pid) {
    long sum = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
        } catch (IOException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/" + pid + "/task", e);
    }
    return sum;
  }

  /** System (kernel) CPU seconds alone: sockets cost mostly here. */
  static double systemSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[12]) / TICKS_PER_SECOND;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
    }
  }

  /**
   * Resident anonymous memory in bytes: the process's own memory outside files and shared mappings. With
   * a heap touched up front (or ZGC's, which is a shared mapping) its growth is memory outside the heap.
   */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("RssAnon:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/status", e);
    }
    return -1;
  }

  /**
   * Live heap in bytes, asked of the JVM with jcmd: the class histogram counts only reachable objects
   * (it collects first) and works the same whatever the collector; -1 when the process is not a JVM.
   */
  static long liveHeapBytes(long pid) {
    try {
      return ClassHistogram.take("jcmd", pid, null).bytes();
    } catch (IOException e) {
      return -1;
    }
  }
}
