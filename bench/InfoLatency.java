/*
 * Berth /info latency benchmark: Berth's gateway vs a real Docker daemon vs Kafka's own
 * end-to-end latency on the broker Berth uses, measured in one run and printed side by side.
 *
 * Run it through bench/info-latency.sh, which builds the classpath (kafka-clients and
 * kafka-tools 3.9.1 from bench/pom.xml) and makes sure Berth and a Docker daemon answer.
 * By hand:
 *   javac -d bench/target/classes -cp "$(cat bench/target/classpath.txt)" bench/InfoLatency.java
 *   java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" InfoLatency [options]
 *
 * Options (defaults in brackets):
 *   --berth-host 127.0.0.1  --berth-port 2375  --berth-path /v1.44/info
 *   --docker-socket /var/run/docker.sock  --docker-api (newest the daemon supports, up to 1.44)
 *   --kafka 127.0.0.1:23790  --topic bench.e2e  --record-bytes 100
 *   --n 1000  --warmup 100  --skip-berth  --skip-docker  --skip-kafka  --skip-kafka-tool
 *
 * Every sample is one complete round trip timed with System.nanoTime() around it:
 *  - HTTP: write "GET <path> HTTP/1.1" on a kept-alive connection, read the whole response
 *    (headers and body, Content-Length or chunked). Only 200 responses are accepted.
 *    Berth and Docker are measured with the same minimal client (RawHttp below), over TCP and
 *    over the unix socket respectively; Berth is also measured with java.net.http.HttpClient.
 *  - Kafka: the loop of Kafka's EndToEndLatency tool: producer (acks=all, linger.ms=0)
 *    send(record).get(), then consumer.poll() until that record arrives; the consumer is
 *    assign()ed to the topic's single partition, fetch.min.bytes=1 and fetch.max.wait.ms=0.
 *    Kafka's own tool (org.apache.kafka.tools.EndToEndLatency from kafka-tools) is run too, but it
 *    rounds its percentiles down to whole milliseconds and has no warm-up, so the ratio uses the
 *    loop here, which times the same thing in nanoseconds after the same warm-up as the others.
 *
 * Percentiles are nearest-rank: the p-th percentile of n sorted samples is sample ceil(p*n).
 * The exit code is 0 whether or not the targets are met; it is non-zero only on bad usage.
 */

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

public final class InfoLatency {

    /** A call that takes longer than this is abandoned (its connection is closed) and the target is marked failed. */
    static final long CALL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** A target stops being measured after this many failed calls. */
    static final int MAX_ERRORS = 5;

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = parseArgs(args);
        int n = Integer.parseInt(opt.getOrDefault("n", "1000"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "100"));
        String berthHost = opt.getOrDefault("berth-host", "127.0.0.1");
        int berthPort = Integer.parseInt(opt.getOrDefault("berth-port", "2375"));
        String berthPath = opt.getOrDefault("berth-path", "/v1.44/info");
        String dockerSocket = opt.getOrDefault("docker-socket", "/var/run/docker.sock");
        String kafka = opt.getOrDefault("kafka", "127.0.0.1:23790");
        String topic = opt.getOrDefault("topic", "bench.e2e");
        int recordBytes = Integer.parseInt(opt.getOrDefault("record-bytes", "100"));

        System.out.printf("samples per target: %d sequential calls after %d warm-up calls (not counted)%n%n", n, warmup);

        List<Result> rows = new ArrayList<>();
        Result berthRaw = null;
        Result berthJdk = null;
        Result docker = null;
        Result kafkaLoop = null;
        ToolResult tool = null;

        if (!opt.containsKey("skip-docker")) {
            String api = opt.get("docker-api");
            String dockerInfo = "";
            try {
                if (api == null) {
                    api = dockerApiVersion(dockerSocket);
                }
                dockerInfo = dockerVersionLine(dockerSocket);
            } catch (IOException | RuntimeException e) {
                api = api == null ? "1.44" : api;
                dockerInfo = "unreachable: " + e;
            }
            System.out.println("docker daemon: " + dockerInfo);
            String path = "/v" + api + "/info";
            if (!"1.44".equals(api)) {
                System.out.println("  note: this daemon answers API versions up to " + api
                        + " only (GET /v1.44/info gets 400 'client version 1.44 is too new'),"
                        + " so Docker is asked GET " + path);
            }
            docker = measureHttp("Docker GET " + path + " (unix socket, raw HTTP/1.1)", warmup, n,
                    () -> RawHttp.unix(dockerSocket), path);
            rows.add(docker);
        }

        if (!opt.containsKey("skip-berth")) {
            berthRaw = measureHttp("Berth GET " + berthPath + " (TCP, raw HTTP/1.1)", warmup, n,
                    () -> RawHttp.tcp(berthHost, berthPort), berthPath);
            rows.add(berthRaw);
            berthJdk = measureJdkHttp("Berth GET " + berthPath + " (TCP, java.net.http)", warmup, n,
                    URI.create("http://" + berthHost + ":" + berthPort + berthPath));
            rows.add(berthJdk);
        }

        if (!opt.containsKey("skip-kafka")) {
            kafkaLoop = measureKafka("Kafka e2e produce->consume (acks=all)", warmup, n, kafka, topic, recordBytes);
            rows.add(kafkaLoop);
            if (!opt.containsKey("skip-kafka-tool") && kafkaLoop.error == null) {
                tool = runKafkaTool(kafka, topic, n, recordBytes);
            }
        }

        System.out.println();
        printTable(rows);
        if (tool != null) {
            System.out.println();
            System.out.println("Kafka's own tool, org.apache.kafka.tools.EndToEndLatency " + kafka + " " + topic + " " + n
                    + " all " + recordBytes + " (no warm-up; it truncates percentiles to whole ms):");
            if (tool.error != null) {
                System.out.println("  did not run: " + tool.error);
            } else {
                System.out.printf(Locale.ROOT, "  Avg latency: %s ms   Percentiles: 50th = %s ms, 99th = %s ms, 99.9th = %s ms%n",
                        tool.avg, tool.p50, tool.p99, tool.p999);
            }
        }

        System.out.println();
        System.out.println("Ratios (Berth row measured with the same raw HTTP/1.1 client as Docker):");
        printRatio("Berth /info p50 / Docker /info p50", berthRaw, docker, 0.25);
        printRatio("Berth /info p50 / Kafka e2e p50   ", berthRaw, kafkaLoop, 3.0);
        System.out.println("Same ratios with the Berth row measured through java.net.http.HttpClient:");
        printRatio("Berth /info p50 / Docker /info p50", berthJdk, docker, 0.25);
        printRatio("Berth /info p50 / Kafka e2e p50   ", berthJdk, kafkaLoop, 3.0);
        System.out.println();
        System.out.println(summaryLine(berthRaw, berthJdk, docker, kafkaLoop));
        System.out.flush();
        System.exit(0);
    }

    // ---------------------------------------------------------------- measurement

    interface ConnectionFactory {
        RawHttp open() throws IOException;
    }

    static final class Result {
        final String name;
        final long[] nanos;
        final int count;
        final String error;
        final String note;

        Result(String name, long[] nanos, int count, String error, String note) {
            this.name = name;
            this.nanos = nanos;
            this.count = count;
            this.error = error;
            this.note = note;
        }

        long[] sorted() {
            long[] s = Arrays.copyOf(nanos, count);
            Arrays.sort(s);
            return s;
        }

        double p(double q) {
            long[] s = sorted();
            int rank = (int) Math.ceil(q * s.length);
            return s[Math.max(0, rank - 1)] / 1e6;
        }

        double mean() {
            double sum = 0;
            for (int i = 0; i < count; i++) {
                sum += nanos[i];
            }
            return sum / count / 1e6;
        }

        double min() {
            return sorted()[0] / 1e6;
        }

        double max() {
            long[] s = sorted();
            return s[s.length - 1] / 1e6;
        }

        boolean ok() {
            return error == null && count > 0;
        }
    }

    /** Closes whatever a call is blocked on once that call has run longer than CALL_TIMEOUT_NANOS. */
    static final class Watchdog extends Thread {
        private volatile long callStarted = Long.MAX_VALUE;
        private volatile AutoCloseable victim;
        private volatile boolean fired;

        Watchdog() {
            super("bench-watchdog");
            setDaemon(true);
            start();
        }

        void begin(AutoCloseable c, long started) {
            victim = c;
            callStarted = started;
        }

        void end() {
            callStarted = Long.MAX_VALUE;
        }

        boolean fired() {
            return fired;
        }

        @Override
        public void run() {
            while (true) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                long s = callStarted;
                if (s != Long.MAX_VALUE && System.nanoTime() - s > CALL_TIMEOUT_NANOS) {
                    fired = true;
                    try {
                        victim.close();
                    } catch (Exception ignored) {
                        // the blocked call fails with an exception, which is what we want
                    }
                    callStarted = Long.MAX_VALUE;
                }
            }
        }
    }

    static Result measureHttp(String name, int warmup, int n, ConnectionFactory factory, String path) {
        System.out.println("measuring: " + name);
        long[] nanos = new long[n];
        int errors = 0;
        int reconnects = 0;
        String lastError = null;
        Watchdog dog = new Watchdog();
        RawHttp conn = null;
        int done = 0;
        try {
            conn = factory.open();
            for (int i = -warmup; i < n; i++) {
                long t0 = System.nanoTime();
                dog.begin(conn, t0);
                int status;
                boolean broken = false;
                try {
                    status = conn.get(path);
                } catch (IOException | RuntimeException e) {
                    status = -1;
                    broken = true;
                    lastError = dog.fired() ? "no answer within " + TimeUnit.NANOSECONDS.toSeconds(CALL_TIMEOUT_NANOS) + " s" : e.toString();
                }
                long t1 = System.nanoTime();
                dog.end();
                if (status != 200) {
                    if (status > 0) {
                        lastError = "HTTP " + status + ": " + conn.lastBody(200);
                    }
                    if (i < 0 || ++errors >= MAX_ERRORS) {
                        closeQuietly(conn);
                        return new Result(name, nanos, done, (i < 0 ? "failed during warm-up: " : "too many failures: ") + lastError, null);
                    }
                    i--; // retry this sample
                }
                if (status == 200 && i >= 0) {
                    nanos[i] = t1 - t0;
                    done = i + 1;
                }
                if (broken || conn.mustReconnect()) {
                    closeQuietly(conn);
                    conn = factory.open();
                    reconnects++;
                }
            }
        } catch (IOException e) {
            return new Result(name, nanos, done, "cannot connect: " + e, null);
        } finally {
            closeQuietly(conn);
        }
        String note = (reconnects > 0 ? reconnects + " reconnects" : "1 kept-alive connection")
                + (errors > 0 ? ", " + errors + " failed calls retried (" + lastError + ")" : "");
        return new Result(name, nanos, n, null, note);
    }

    static Result measureJdkHttp(String name, int warmup, int n, URI uri) {
        System.out.println("measuring: " + name);
        long[] nanos = new long[n];
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofNanos(CALL_TIMEOUT_NANOS))
                .header("Accept", "application/json")
                .GET()
                .build();
        int errors = 0;
        int done = 0;
        String lastError = null;
        for (int i = -warmup; i < n; i++) {
            long t0 = System.nanoTime();
            int status;
            int len = 0;
            try {
                HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                status = resp.statusCode();
                len = resp.body().length;
                if (status != 200) {
                    lastError = "HTTP " + status + ": " + new String(resp.body(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                status = -1;
                lastError = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(name, nanos, done, "interrupted", null);
            }
            long t1 = System.nanoTime();
            if (status != 200 || len == 0) {
                if (i < 0 || ++errors >= MAX_ERRORS) {
                    return new Result(name, nanos, done, (i < 0 ? "failed during warm-up: " : "too many failures: ") + lastError, null);
                }
                i--;
                continue;
            }
            if (i >= 0) {
                nanos[i] = t1 - t0;
                done = i + 1;
            }
        }
        return new Result(name, nanos, n, null,
                "HTTP/1.1 keep-alive pool" + (errors > 0 ? ", " + errors + " failed calls retried (" + lastError + ")" : ""));
    }

    static Result measureKafka(String name, int warmup, int n, String brokers, String topic, int recordBytes) {
        System.out.println("measuring: " + name + " on " + brokers + ", topic " + topic);
        long[] nanos = new long[n];
        Properties common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        common.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        common.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try {
            ensureTopic(common, topic);
        } catch (Exception e) {
            return new Result(name, nanos, 0, "cannot reach Kafka or create topic " + topic + ": " + e, null);
        }

        Properties pp = new Properties();
        pp.putAll(common);
        pp.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        pp.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        pp.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        pp.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());

        Properties cp = new Properties();
        cp.putAll(common);
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        cp.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "0"); // as EndToEndLatency: no temporal batching
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp);
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(Collections.singletonList(tp));
            consumer.seekToEnd(Collections.singletonList(tp));
            consumer.position(tp, Duration.ofSeconds(15));
            byte[] payload = new byte[recordBytes];
            for (int i = -warmup; i < n; i++) {
                Arrays.fill(payload, (byte) ('A' + Math.floorMod(i, 26)));
                String sent = new String(payload, StandardCharsets.US_ASCII);
                long t0 = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, 0, null, payload)).get(30, TimeUnit.SECONDS);
                ConsumerRecord<byte[], byte[]> got = null;
                while (got == null) {
                    ConsumerRecords<byte[], byte[]> recs = consumer.poll(Duration.ofSeconds(30));
                    if (recs.isEmpty()) {
                        throw new IllegalStateException("poll() found nothing within 30 s");
                    }
                    if (recs.count() != 1) {
                        throw new IllegalStateException("expected one record, got " + recs.count());
                    }
                    got = recs.iterator().next();
                }
                long t1 = System.nanoTime();
                if (!sent.equals(new String(got.value(), StandardCharsets.US_ASCII))) {
                    throw new IllegalStateException("received a different record than the one sent");
                }
                if (i >= 0) {
                    nanos[i] = t1 - t0;
                }
            }
        } catch (Exception e) {
            return new Result(name, nanos, 0, e.toString(), null);
        }
        return new Result(name, nanos, n, null, "own loop, " + recordBytes + "-byte records, 1 partition");
    }

    static void ensureTopic(Properties adminProps, String topic) throws Exception {
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> names = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            if (!names.contains(topic)) {
                System.out.println("  creating topic " + topic + " (1 partition, replication factor 1)");
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
            }
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            if (partitions != 1) {
                throw new IllegalStateException("topic " + topic + " has " + partitions + " partitions, want 1");
            }
        }
    }

    static final class ToolResult {
        String avg;
        String p50;
        String p99;
        String p999;
        String error;
    }

    /** Runs Kafka's own EndToEndLatency (kafka-tools) in this JVM and reads what it prints. */
    static ToolResult runKafkaTool(String brokers, String topic, int n, int recordBytes) {
        System.out.println("running: org.apache.kafka.tools.EndToEndLatency (Kafka's own tool)");
        ToolResult r = new ToolResult();
        PrintStream realOut = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc;
        try {
            Class<?> c = Class.forName("org.apache.kafka.tools.EndToEndLatency");
            Method m = c.getDeclaredMethod("mainNoExit", String[].class);
            m.setAccessible(true);
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            rc = (Integer) m.invoke(null, (Object) new String[] {brokers, topic, Integer.toString(n), "all",
                Integer.toString(recordBytes)});
        } catch (ReflectiveOperationException | RuntimeException e) {
            r.error = "tool not usable from this classpath: " + e;
            return r;
        } finally {
            System.setOut(realOut);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        Matcher avg = Pattern.compile("Avg latency: ([0-9.]+) ms").matcher(out);
        Matcher pct = Pattern.compile("Percentiles: 50th = (\\d+), 99th = (\\d+), 99.9th = (\\d+)").matcher(out);
        if (rc != 0 || !avg.find() || !pct.find()) {
            r.error = "exit " + rc + ", output: " + out.strip();
            return r;
        }
        r.avg = avg.group(1);
        r.p50 = pct.group(1);
        r.p99 = pct.group(2);
        r.p999 = pct.group(3);
        return r;
    }

    // ---------------------------------------------------------------- output

    static void printTable(List<Result> rows) {
        int w = 4;
        for (Result r : rows) {
            w = Math.max(w, r.name.length());
        }
        String head = String.format(Locale.ROOT, "%-" + w + "s %6s %9s %9s %9s %9s %9s", "target", "n", "p50 ms", "p99 ms",
                "mean ms", "min ms", "max ms");
        System.out.println(head);
        System.out.println("-".repeat(head.length()));
        for (Result r : rows) {
            if (!r.ok()) {
                System.out.printf(Locale.ROOT, "%-" + w + "s   NOT MEASURED: %s%n", r.name, r.error);
                continue;
            }
            System.out.printf(Locale.ROOT, "%-" + w + "s %6d %9.3f %9.3f %9.3f %9.3f %9.3f%n", r.name, r.count, r.p(0.50),
                    r.p(0.99), r.mean(), r.min(), r.max());
        }
        for (Result r : rows) {
            if (r.ok() && r.note != null) {
                System.out.println("  " + r.name + ": " + r.note);
            }
        }
    }

    static void printRatio(String label, Result num, Result den, double target) {
        if (num == null || den == null || !num.ok() || !den.ok()) {
            System.out.printf(Locale.ROOT, "  %s = n/a (target <= %s): not measured%n", label, fmtTarget(target));
            return;
        }
        double a = num.p(0.50);
        double b = den.p(0.50);
        double ratio = a / b;
        System.out.printf(Locale.ROOT, "  %s = %.3f / %.3f = %.2f   (target <= %s)  %s%n", label, a, b, ratio,
                fmtTarget(target), ratio <= target ? "MET" : "NOT MET");
    }

    /** One line with the headline figures (ms), which info-latency.sh gathers over several runs. */
    static String summaryLine(Result berthRaw, Result berthJdk, Result docker, Result kafka) {
        StringBuilder sb = new StringBuilder("summary:");
        Object[][] cols = {{"berth", berthRaw}, {"berth_jdk", berthJdk}, {"docker", docker}, {"kafka", kafka}};
        for (Object[] c : cols) {
            Result r = (Result) c[1];
            if (r != null && r.ok()) {
                sb.append(String.format(Locale.ROOT, " %s_p50=%.3f %s_p99=%.3f %s_mean=%.3f", c[0], r.p(0.50), c[0], r.p(0.99),
                        c[0], r.mean()));
            }
        }
        if (berthRaw != null && berthRaw.ok() && docker != null && docker.ok()) {
            sb.append(String.format(Locale.ROOT, " berth_over_docker=%.3f", berthRaw.p(0.50) / docker.p(0.50)));
        }
        if (berthRaw != null && berthRaw.ok() && kafka != null && kafka.ok()) {
            sb.append(String.format(Locale.ROOT, " berth_over_kafka=%.3f", berthRaw.p(0.50) / kafka.p(0.50)));
        }
        return sb.toString();
    }

    static String fmtTarget(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }

    // ---------------------------------------------------------------- docker helpers

    static String dockerApiVersion(String socket) throws IOException {
        String body = dockerGetBody(socket, "/version");
        Matcher m = Pattern.compile("\"ApiVersion\"\\s*:\\s*\"([0-9.]+)\"").matcher(body);
        if (!m.find()) {
            throw new IOException("no ApiVersion in /version: " + body);
        }
        String v = m.group(1);
        return compareVersions(v, "1.44") >= 0 ? "1.44" : v;
    }

    static String dockerVersionLine(String socket) throws IOException {
        String body = dockerGetBody(socket, "/version");
        Matcher v = Pattern.compile("\"Version\"\\s*:\\s*\"([^\"]+)\",\\s*\"ApiVersion\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        return v.find() ? "Docker Engine " + v.group(1) + ", API " + v.group(2) + ", socket " + socket : body;
    }

    static String dockerGetBody(String socket, String path) throws IOException {
        try (RawHttp c = RawHttp.unix(socket)) {
            int status = c.get(path);
            if (status != 200) {
                throw new IOException("GET " + path + " -> " + status);
            }
            return c.lastBody(100_000);
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    // ---------------------------------------------------------------- minimal HTTP/1.1 client

    /**
     * A minimal blocking keep-alive HTTP/1.1 client over one SocketChannel (TCP or unix domain socket):
     * one request at a time, reads the status line, the headers and the whole body
     * (Content-Length, chunked, or until close).
     */
    static final class RawHttp implements AutoCloseable {
        private final SocketChannel ch;
        private final String hostHeader;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private byte[] body = new byte[16 * 1024];
        private int bodyLen;
        private boolean closeAfter;

        private RawHttp(SocketChannel ch, String hostHeader) {
            this.ch = ch;
            this.hostHeader = hostHeader;
            in.flip(); // empty, in read mode
        }

        static RawHttp tcp(String host, int port) throws IOException {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            return new RawHttp(ch, host + ":" + port);
        }

        static RawHttp unix(String path) throws IOException {
            if (!Files.exists(Path.of(path))) {
                throw new IOException(path + " does not exist");
            }
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(path));
            return new RawHttp(ch, "docker");
        }

        boolean mustReconnect() {
            return closeAfter;
        }

        String lastBody(int max) {
            return new String(body, 0, Math.min(bodyLen, max), StandardCharsets.UTF_8);
        }

        /** Sends GET path and reads the complete response; returns the status code. */
        int get(String path) throws IOException {
            byte[] req = ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader
                    + "\r\nUser-Agent: berth-bench\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.wrap(req);
            while (out.hasRemaining()) {
                ch.write(out);
            }
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            closeAfter = statusLine.startsWith("HTTP/1.0");
            String line;
            while (!(line = readLine()).isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length":
                        contentLength = Long.parseLong(value);
                        break;
                    case "transfer-encoding":
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        break;
                    case "connection":
                        if (value.equalsIgnoreCase("close")) {
                            closeAfter = true;
                        } else if (value.equalsIgnoreCase("keep-alive")) {
                            closeAfter = false;
                        }
                        break;
                    default:
                        break;
                }
            }
            bodyLen = 0;
            if (chunked) {
                while (true) {
                    String sizeLine = readLine();
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                    if (size == 0) {
                        while (!readLine().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    readBody(size);
                    readLine(); // CRLF after the chunk
                }
            } else if (contentLength >= 0) {
                readBody((int) contentLength);
            } else if (status != 204 && status != 304 && status >= 200) {
                closeAfter = true;
                while (fill()) {
                    readBody(in.remaining());
                }
            }
            return status;
        }

        private void readBody(int len) throws IOException {
            if (bodyLen + len > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLen + len));
            }
            while (len > 0) {
                if (!in.hasRemaining() && !fill()) {
                    throw new IOException("connection closed in the middle of a body");
                }
                int k = Math.min(len, in.remaining());
                in.get(body, bodyLen, k);
                bodyLen += k;
                len -= k;
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                if (!in.hasRemaining() && !fill()) {
                    throw new IOException("connection closed by the server");
                }
                byte b = in.get();
                if (b == '\n') {
                    int l = sb.length();
                    if (l > 0 && sb.charAt(l - 1) == '\r') {
                        sb.setLength(l - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) (b & 0xff));
            }
        }

        /** Reads more bytes into the buffer; false at end of stream. */
        private boolean fill() throws IOException {
            in.compact();
            int r;
            try {
                r = ch.read(in);
            } finally {
                in.flip();
            }
            return r > 0;
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }

    // ---------------------------------------------------------------- misc

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                usage("unexpected argument " + a);
            }
            String k = a.substring(2);
            if (k.startsWith("skip-")) {
                m.put(k, "true");
            } else if (i + 1 < args.length) {
                m.put(k, args[++i]);
            } else {
                usage("missing value for " + a);
            }
        }
        return m;
    }

    static void usage(String why) {
        System.err.println("InfoLatency: " + why);
        System.err.println("options: --n N --warmup N --berth-host H --berth-port P --berth-path PATH --docker-socket PATH"
                + " --docker-api V --kafka HOST:PORT --topic T --record-bytes N"
                + " --skip-berth --skip-docker --skip-kafka --skip-kafka-tool");
        System.exit(2);
    }
}
