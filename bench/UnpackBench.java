import io.berth.layer.tar.LayerUnpacker;
import io.berth.layer.tar.UnpackOptions;
import io.berth.layer.tar.UnpackSummary;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Layer unpack throughput: Berth's LayerUnpacker against GNU tar on the same .tar.gz and .tar.zst,
 * run by bench/unpack.sh.
 *
 * <pre>
 *   UnpackBench generate DIR            write the ~200 MB source tree
 *   UnpackBench run WORKDIR ROUNDS OUT  time both unpackers on WORKDIR/layer.tar.{gz,zst},
 *                                       each extracting into a fresh OUT
 * </pre>
 */
public final class UnpackBench {

  private static final String[] WORDS =
      ("the quick brown fox jumps over lazy dog layer image container overlay kernel file "
              + "system tar gzip zstd java berth docker registry manifest config digest blob "
              + "lib usr bin etc var share include python perl locale man doc license readme")
          .split(" ");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "generate" -> generate(Path.of(args[1]));
      case "run" -> run(Path.of(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      default -> throw new IllegalArgumentException("generate DIR | run WORKDIR ROUNDS OUTDIR");
    }
  }

  /** 10,000 small text-like files in 100 directories, plus four large files of mixed content. */
  static void generate(Path dir) throws IOException {
    Random random = new Random(42);
    for (int d = 0; d < 100; d++) {
      Path sub = Files.createDirectories(dir.resolve("usr/share/pkg" + d));
      for (int f = 0; f < 100; f++) {
        Files.write(sub.resolve("file" + f + ".txt"), text(random, 1024 + random.nextInt(16384)));
      }
    }
    Path big = Files.createDirectories(dir.resolve("opt/big"));
    for (int i = 0; i < 4; i++) {
      try (OutputStream out = Files.newOutputStream(big.resolve("blob" + i + ".bin"))) {
        byte[] chunk = new byte[1 << 20];
        for (int mb = 0; mb < 28; mb++) {
          if (mb % 3 == 0) {
            random.nextBytes(chunk); // incompressible, like already-compressed assets
            out.write(chunk);
          } else {
            out.write(text(random, chunk.length));
          }
        }
      }
    }
  }

  private static byte[] text(Random random, int size) {
    StringBuilder sb = new StringBuilder(size + 16);
    while (sb.length() < size) {
      sb.append(WORDS[random.nextInt(WORDS.length)]);
      sb.append(random.nextInt(50) == 0 ? '\n' : ' ');
      if (random.nextInt(8) == 0) {
        sb.append(random.nextInt(100000));
      }
    }
    return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  static void run(Path work, int rounds, Path out) throws Exception {
    long tarSize = Files.size(work.resolve("layer.tar"));
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    Path gz = work.resolve("layer.tar.gz");
    Path zst = work.resolve("layer.tar.zst");
    decompressOnly(gz, zst, tarSize);
    LayerUnpacker unpacker = new LayerUnpacker(UnpackOptions.defaults());
    for (int warm = 0; warm < 2; warm++) { // let the JIT compile the hot paths first
      berth(unpacker, gz, out);
      berth(unpacker, zst, out);
    }
    for (int round = 1; round <= rounds; round++) {
      record(seconds, "berth gzip", berth(unpacker, gz, out));
      record(seconds, "tar -xzf", tar(out, "-xzf", gz));
      record(seconds, "berth zstd", berth(unpacker, zst, out));
      record(seconds, "tar --zstd -xf", tar(out, "--zstd", "-xf", zst));
      System.err.printf("round %d/%d done%n", round, rounds);
    }
    double mb = tarSize / 1e6;
    System.out.printf("%nlayer: %.1f MB uncompressed, gz %.1f MB, zst %.1f MB; %d rounds, medians%n",
        mb, Files.size(gz) / 1e6, Files.size(zst) / 1e6, rounds);
    System.out.printf("%-16s %10s %10s %10s%n", "unpacker", "median s", "MB/s", "min s");
    Map<String, Double> mbps = new LinkedHashMap<>();
    for (var e : seconds.entrySet()) {
      double median = median(e.getValue());
      mbps.put(e.getKey(), mb / median);
      System.out.printf("%-16s %10.3f %10.1f %10.3f%n", e.getKey(), median, mb / median,
          Collections.min(e.getValue()));
    }
    System.out.printf("berth/tar throughput ratio: gzip %.2f, zstd %.2f (target >= 0.8)%n",
        mbps.get("berth gzip") / mbps.get("tar -xzf"),
        mbps.get("berth zstd") / mbps.get("tar --zstd -xf"));
  }

  private static void decompressOnly(Path gz, Path zst, long tarSize) throws IOException {
    System.out.println("decompression alone (to nowhere), best of 3:");
    for (String kind : List.of("java.util.zip GZIPInputStream", "commons-compress gzip",
        "zstd-jni ZstdInputStream")) {
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        try (InputStream in = open(kind, gz, zst)) {
          byte[] buffer = new byte[1 << 20];
          while (in.read(buffer) >= 0) {
            // discard
          }
        }
        best = Math.min(best, (System.nanoTime() - start) / 1e9);
      }
      System.out.printf("  %-32s %8.1f MB/s%n", kind, tarSize / 1e6 / best);
    }
  }

  private static InputStream open(String kind, Path gz, Path zst) throws IOException {
    if (kind.startsWith("java")) {
      return new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
    }
    if (kind.startsWith("commons")) {
      return GzipCompressorInputStream.builder()
          .setInputStream(new BufferedInputStream(Files.newInputStream(gz), 1 << 16))
          .setDecompressConcatenated(true)
          .get();
    }
    return new com.github.luben.zstd.ZstdInputStreamNoFinalizer(Files.newInputStream(zst));
  }

  private static double berth(LayerUnpacker unpacker, Path blob, Path out) throws Exception {
    prepare(out);
    long start = System.nanoTime();
    try (InputStream in = Files.newInputStream(blob)) {
      UnpackSummary summary = unpacker.unpack(in, out);
      if (summary.entries() < 10_000) {
        throw new IllegalStateException("too few entries: " + summary);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static double tar(Path out, Object... args) throws Exception {
    prepare(out);
    List<String> command = new ArrayList<>(List.of("tar", "-C", out.toString()));
    for (Object a : args) {
      command.add(a.toString());
    }
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("tar failed: " + command);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** A fresh empty output directory, with earlier writes flushed so they do not bill the next run. */
  private static void prepare(Path out) throws Exception {
    if (Files.exists(out)) {
      Files.walkFileTree(out, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
          Files.delete(f);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    }
    Files.createDirectories(out);
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  private static void record(Map<String, List<Double>> seconds, String key, double s) {
    seconds.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
