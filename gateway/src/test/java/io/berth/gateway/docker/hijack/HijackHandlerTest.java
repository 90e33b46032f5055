package io.berth.gateway.docker.hijack;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hijack handler in a bare Netty HTTP server shaped like Micronaut's (HTTP codec, then a
 * handler that reads with auto-read off), spliced onto a fake stream port on a real socket that
 * echoes stdin as stdout frames. The client is a raw socket speaking what the docker CLI sends.
 */
class HijackHandlerTest {

  private EventLoopGroup group;
  private Channel server;
  private FakeStreamPort streamPort;

  @BeforeEach
  void start() throws Exception {
    streamPort = new FakeStreamPort();
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    startGateway(streamPort.port());
  }

  private void startGateway(int upstreamPort) throws InterruptedException {
    ContainerStreamConfig config =
        new ContainerStreamConfig("127.0.0.1", upstreamPort, Duration.ofSeconds(5));
    server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast("http-server-codec", new HttpServerCodec())
                        .addLast("micronaut", new PlainHttp());
                    HijackInstaller.install(ch.pipeline(), config);
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    streamPort.close();
  }

  @Test
  void anAttachIsUpgradedAndStdinComesBackAsFramesUntilTheClientHalfCloses() throws Exception {
    try (Socket client = connect()) {
      send(
          client,
          "POST /v1.44/containers/web/attach?stderr=1&stdin=1&stdout=1&stream=1 HTTP/1.1\r\n"
              + "Host: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n"
              + "Content-Length: 0\r\nContent-Type: text/plain\r\n"
              + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
      DataInputStream in = new DataInputStream(client.getInputStream());
      Map<String, String> head = readHead(in);

      assertThat(head.get("")).isEqualTo("HTTP/1.1 101 UPGRADED");
      assertThat(head)
          .containsEntry("content-type", "application/vnd.docker.multiplexed-stream")
          .containsEntry("connection", "Upgrade")
          .containsEntry("upgrade", "tcp")
          .containsEntry("api-version", "1.44");
      assertThat(streamPort.headers().poll(5, TimeUnit.SECONDS))
          .isEqualTo(
              "{\"op\":\"attach\",\"id\":\"web\",\"stdin\":true,\"stdout\":true,\"stderr\":true,"
                  + "\"stream\":true,\"logs\":false,\"detachKeys\":null}");

      send(client, "hello\n");
      assertThat(readFrame(in)).isEqualTo("1:hello\n");
      send(client, "world");
      client.shutdownOutput();

      assertThat(readFrame(in)).isEqualTo("1:world");
      assertThat(readFrame(in)).isEqualTo("2:stdin closed");
      assertThat(in.read()).as("closed after the output ended").isEqualTo(-1);
    }
  }

  @Test
  void manyMegabytesPassBothWaysWithBackpressure() throws Exception {
    try (Socket client = connect()) {
      send(client, attachRequest("bulk"));
      DataInputStream in = new DataInputStream(client.getInputStream());
      assertThat(readHead(in).get("")).isEqualTo("HTTP/1.1 101 UPGRADED");
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      int chunks = 128; // 8 MiB
      Thread writer =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < chunks; i++) {
                    client.getOutputStream().write(chunk);
                  }
                  client.shutdownOutput();
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      writer.start();
      long echoed = 0;
      while (true) {
        int type = in.readUnsignedByte();
        in.skipNBytes(3);
        int length = in.readInt();
        in.skipNBytes(length);
        if (type == 2) {
          break;
        }
        echoed += length;
      }
      writer.join(10_000);
      assertThat(echoed).isEqualTo((long) chunks * chunk.length);
    }
  }

  @Test
  void aRefusedAttachIsAnsweredWithItsStatusAndTheConnectionServesTheNextRequest()
      throws Exception {
    try (Socket client = connect()) {
      send(client, attachRequest("missing"));
      DataInputStream in = new DataInputStream(client.getInputStream());
      Map<String, String> head = readHead(in);

      assertThat(head.get("")).isEqualTo("HTTP/1.1 404 Not Found");
      assertThat(head).containsEntry("content-type", "application/json");
      assertThat(readBody(in, head)).isEqualTo("{\"message\":\"No such container: missing\"}");

      send(client, "GET /v1.44/containers/json HTTP/1.1\r\nHost: x\r\n\r\n");
      Map<String, String> next = readHead(in);
      assertThat(next.get("")).isEqualTo("HTTP/1.1 200 OK");
      assertThat(readBody(in, next)).isEqualTo("plain GET /v1.44/containers/json");
    }
  }

  @Test
  void ordinaryRequestsOnTheConnectionReachMicronautBeforeAHijack() throws Exception {
    try (Socket client = connect()) {
      DataInputStream in = new DataInputStream(client.getInputStream());
      send(
          client,
          "POST /v1.44/containers/create HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
      Map<String, String> created = readHead(in);
      assertThat(readBody(in, created)).isEqualTo("plain POST /v1.44/containers/create");

      send(client, attachRequest("web"));
      assertThat(readHead(in).get("")).isEqualTo("HTTP/1.1 101 UPGRADED");
      send(client, "ping");
      assertThat(readFrame(in)).isEqualTo("1:ping");
    }
  }

  @Test
  void anExecStartReadsItsBodyAndATtyStreamIsRaw() throws Exception {
    try (Socket client = connect()) {
      String body = "{\"Detach\":false,\"Tty\":true,\"ConsoleSize\":[24,80]}";
      send(
          client,
          "POST /v1.47/exec/e1f2/start HTTP/1.1\r\n".replace("1.47", "1.44")
              + "Host: x\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length()
              + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
              + body);
      DataInputStream in = new DataInputStream(client.getInputStream());
      Map<String, String> head = readHead(in);

      assertThat(head.get("")).isEqualTo("HTTP/1.1 101 UPGRADED");
      assertThat(head).containsEntry("content-type", "application/vnd.docker.raw-stream");
      assertThat(streamPort.headers().poll(5, TimeUnit.SECONDS))
          .isEqualTo(
              "{\"op\":\"exec\",\"id\":\"e1f2\",\"tty\":true,\"detach\":false,"
                  + "\"consoleHeight\":24,\"consoleWidth\":80}");
      send(client, "ls\r");
      client.shutdownOutput();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ls\r");
    }
  }

  @Test
  void aDetachedExecStartIsAPlainRequestForMicronaut() throws Exception {
    try (Socket client = connect()) {
      String body = "{\"Detach\":true,\"Tty\":false}";
      send(
          client,
          "POST /exec/e1/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n"
              + body);
      DataInputStream in = new DataInputStream(client.getInputStream());
      Map<String, String> head = readHead(in);

      assertThat(head.get("")).isEqualTo("HTTP/1.1 200 OK");
      byte[] answer = new byte[Integer.parseInt(head.get("content-length"))];
      in.readFully(answer);
      assertThat(new String(answer, StandardCharsets.UTF_8)).isEqualTo("plain POST /exec/e1/start");
      assertThat(streamPort.headers().poll(300, TimeUnit.MILLISECONDS)).isNull();
    }
  }

  @Test
  void withoutAnUpgradeHeaderTheAnswerIs200AndARawStreamUntilClose() throws Exception {
    try (Socket client = connect()) {
      send(
          client,
          "POST /containers/web/attach?stream=1&stdout=1&stdin=1 HTTP/1.1\r\nHost: x\r\n\r\n");
      DataInputStream in = new DataInputStream(client.getInputStream());
      Map<String, String> head = readHead(in);

      assertThat(head.get("")).isEqualTo("HTTP/1.1 200 OK");
      assertThat(head)
          .containsEntry("content-type", "application/vnd.docker.raw-stream")
          .doesNotContainKey("content-length");
      send(client, "x");
      client.shutdownOutput();
      assertThat(readFrame(in)).isEqualTo("1:x");
      assertThat(readFrame(in)).isEqualTo("2:stdin closed");
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void anUnreachableStreamPortIsAnswered503() throws Exception {
    server.close().sync();
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    startGateway(closedPort);
    try (Socket client = connect()) {
      send(client, attachRequest("web"));
      DataInputStream in = new DataInputStream(client.getInputStream());
      Map<String, String> head = readHead(in);
      assertThat(head.get("")).isEqualTo("HTTP/1.1 503 Service Unavailable");
      assertThat(readBody(in, head)).contains("stream port");
    }
  }

  private static String attachRequest(String id) {
    return "POST /v1.44/containers/"
        + id
        + "/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\nHost: x\r\n"
        + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(server.localAddress(), 5_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** The status line under key "" and the headers, names lower-cased. */
  private static Map<String, String> readHead(InputStream in) throws IOException {
    Map<String, String> head = new LinkedHashMap<>();
    head.put("", readLine(in));
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      head.put(line.substring(0, colon).toLowerCase(), line.substring(colon + 1).trim());
    }
    return head;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      assertThat(b).as("end of stream inside a line").isNotEqualTo(-1);
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static String readBody(DataInputStream in, Map<String, String> head) throws IOException {
    byte[] body = new byte[Integer.parseInt(head.get("content-length"))];
    in.readFully(body);
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String readFrame(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    in.skipNBytes(3);
    byte[] payload = new byte[in.readInt()];
    in.readFully(payload);
    return type + ":" + new String(payload, StandardCharsets.UTF_8);
  }

  /** Micronaut's stand-in: auto-read off, one read at a time, a 200 naming each request. */
  private static final class PlainHttp extends ChannelInboundHandlerAdapter {
    private String current;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      ctx.channel().config().setAutoRead(false);
      ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        current = "plain " + request.method() + " " + request.uri();
      }
      if (msg instanceof LastHttpContent) {
        FullHttpResponse response =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.OK,
                Unpooled.copiedBuffer(current, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        ctx.writeAndFlush(response);
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.read();
    }
  }
}
