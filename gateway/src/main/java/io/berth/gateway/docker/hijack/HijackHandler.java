package io.berth.gateway.docker.hijack;

import io.berth.gateway.docker.DockerApi;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1 connection's hijack handler, right after the HTTP server codec: every request but an
 * attach or exec start passes through to Micronaut; those it reads whole, opens on the
 * container-service's stream port, and on success answers {@code 101 UPGRADED} (or {@code 200}
 * without an {@code Upgrade} header), removes the HTTP codec and splices the two connections.
 *
 * <p>Both channels run on the connection's event loop with auto-read off: each side reads again
 * only once its last bytes were written to the other, so nothing is buffered beyond one read per
 * direction. Half-close travels both ways: the client's end of stdin shuts the upstream's output;
 * the upstream's end of output closes the client connection once written.
 */
final class HijackHandler extends ChannelInboundHandlerAdapter {

  /** The largest exec start body read (Docker's is about 60 bytes). */
  static final int MAX_BODY = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(HijackHandler.class);
  private static final int MAX_ANSWER_LINE = 64 * 1024;

  private enum State {
    /** Between requests. */
    IDLE,
    /** Passing a request Micronaut answers. */
    PASSING,
    /** Reading a hijack request's body. */
    CAPTURING,
    /** Waiting for the stream port's answer. */
    OPENING,
    /** Bytes flow both ways. */
    SPLICED,
    /** The client connection is gone or going. */
    CLOSED
  }

  private final ContainerStreamConfig config;
  private State state = State.IDLE;
  private ChannelHandlerContext ctx;
  private HttpRequest request;
  private HijackRequest hijack;
  private ByteBuf body;
  private boolean detach;
  private Channel upstream;
  private ScheduledFuture<?> answerTimeout;
  private boolean clientInputEnded;
  private ChannelFuture lastToUpstream;
  private ChannelFuture lastToClient;

  HijackHandler(ContainerStreamConfig config) {
    this.config = config;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseBody();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (state) {
      case IDLE -> readRequest(msg);
      case PASSING -> {
        if (msg instanceof LastHttpContent) {
          state = State.IDLE;
        }
        ctx.fireChannelRead(msg);
      }
      case CAPTURING -> capture(msg);
      case SPLICED -> {
        if (msg instanceof ByteBuf bytes) {
          toUpstream(bytes);
        } else {
          ReferenceCountUtil.release(msg);
        }
      }
      default -> ReferenceCountUtil.release(msg); // the client spoke out of turn
    }
  }

  private void readRequest(Object msg) {
    Optional<HijackRequest> matched =
        msg instanceof HttpRequest http && http.decoderResult().isSuccess()
            ? HijackRequest.match(http)
            : Optional.empty();
    if (matched.isEmpty()) {
      if (msg instanceof HttpRequest && !(msg instanceof LastHttpContent)) {
        state = State.PASSING;
      }
      ctx.fireChannelRead(msg);
      return;
    }
    request = (HttpRequest) msg;
    hijack = matched.get();
    body = ctx.alloc().buffer();
    state = State.CAPTURING;
    capture(msg);
  }

  private void capture(Object msg) {
    if (!(msg instanceof HttpContent content)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      if (body.readableBytes() + content.content().readableBytes() > MAX_BODY) {
        state = State.CLOSED;
        releaseBody();
        respond(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large", false);
        return;
      }
      body.writeBytes(content.content());
    } finally {
      content.release();
    }
    if (content instanceof LastHttpContent) {
      open();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    switch (state) {
      case IDLE, PASSING -> ctx.fireChannelReadComplete();
      case CAPTURING -> ctx.read(); // Micronaut's handler, which asks for reads, sees none of it
      default -> {
        // the splice asks for reads as writes complete
      }
    }
  }

  /** Sends the header line to the stream port and waits for its answer. */
  private void open() {
    Object header;
    try {
      header = hijack.header(ByteBufUtil.getBytes(body));
    } catch (IOException e) {
      releaseBody();
      fail(HttpResponseStatus.BAD_REQUEST, e.getMessage());
      return;
    }
    if (header instanceof StreamWire.Exec exec && exec.detach()) {
      // A detached exec start is a plain request: Micronaut's routes take it as it came.
      io.netty.handler.codec.http.FullHttpRequest full =
          new io.netty.handler.codec.http.DefaultFullHttpRequest(
              request.protocolVersion(),
              request.method(),
              request.uri(),
              body.retain(),
              request.headers(),
              io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE);
      releaseBody();
      state = State.IDLE;
      ctx.fireChannelRead(full);
      ctx.fireChannelReadComplete();
      return;
    }
    releaseBody();
    detach = false;
    state = State.OPENING;
    byte[] line = StreamWire.line(header);
    Bootstrap bootstrap =
        new Bootstrap()
            .group(ctx.channel().eventLoop())
            .channelFactory(new ReflectiveChannelFactory<>(ctx.channel().getClass()))
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.answerTimeout().toMillis()))
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast("answer-line", new LineBasedFrameDecoder(MAX_ANSWER_LINE))
                        .addLast("upstream", new UpstreamHandler(HijackHandler.this));
                  }
                });
    ChannelFuture connect = bootstrap.connect(config.host(), config.port());
    upstream = connect.channel();
    answerTimeout =
        ctx.executor()
            .schedule(
                this::answerTimedOut, config.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
    connect.addListener(
        (ChannelFutureListener)
            f -> {
              if (f.channel() != upstream || state != State.OPENING) {
                f.channel().close(); // the request was answered meanwhile (timeout, client gone)
                return;
              }
              if (!f.isSuccess()) {
                LOG.warn("Cannot reach the container stream port: {}", f.cause().toString());
                fail(
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "cannot reach the container-service's stream port "
                        + config.host()
                        + ":"
                        + config.port());
                return;
              }
              f.channel().writeAndFlush(Unpooled.wrappedBuffer(line));
              f.channel().read();
            });
  }

  private void answerTimedOut() {
    if (state == State.OPENING) {
      fail(
          HttpResponseStatus.GATEWAY_TIMEOUT,
          "the container-service did not answer the " + (hijack.exec() ? "exec" : "attach"));
    }
  }

  /** The stream port's answer line (from {@link UpstreamHandler}). */
  void answered(Channel from, StreamWire.Answer answer) {
    if (from != upstream || state != State.OPENING) {
      from.close();
      return;
    }
    answerTimeout.cancel(false);
    if (!answer.ok()) {
      int status = answer.status() >= 400 && answer.status() <= 599 ? answer.status() : 500;
      String message = answer.message() == null ? "stream refused" : answer.message();
      fail(HttpResponseStatus.valueOf(status), message);
    } else if (detach) {
      upstream.close();
      respondEmpty();
    } else {
      splice(answer.tty());
    }
  }

  /** The stream port's answer line was not one. */
  void badAnswer(Channel from, String why) {
    if (from == upstream && state == State.OPENING) {
      LOG.warn("Bad answer from the container stream port: {}", why);
      fail(HttpResponseStatus.BAD_GATEWAY, "the container-service answered badly: " + why);
    }
  }

  /**
   * Turns the connection into a raw stream: the 101 (or 200) head, then bytes both ways. The HTTP
   * codec goes first; bytes it had already read arrive here as a buffer, for the upstream.
   */
  private void splice(boolean tty) {
    state = State.SPLICED;
    Channel client = ctx.channel();
    client.config().setAutoRead(false);
    client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    lastToUpstream = upstream.newSucceededFuture();
    IdleStateHandler idle = ctx.pipeline().get(IdleStateHandler.class);
    if (idle != null) {
      ctx.pipeline().remove(idle); // an attached shell may sit quiet for hours, as with Docker
    }
    ctx.pipeline().remove(HttpServerCodec.class);
    lastToClient = ctx.writeAndFlush(Unpooled.wrappedBuffer(head(tty)));
    // Bytes the stream port sent after its answer line come out of the decoder as it goes.
    upstream.pipeline().remove("answer-line");
    if (clientInputEnded) {
      clientInputEnded();
    }
    ctx.read();
    upstream.read();
  }

  private byte[] head(boolean tty) {
    String status =
        hijack.upgrade()
            ? "HTTP/1.1 101 UPGRADED\r\nContent-Type: "
                + hijack.contentType(tty)
                + "\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
            : "HTTP/1.1 200 OK\r\nContent-Type: " + HijackRequest.RAW_STREAM + "\r\n";
    String docker =
        "Api-Version: "
            + DockerApi.VERSION
            + "\r\nDocker-Experimental: false\r\nOstype: linux\r\nServer: "
            + DockerApi.SERVER
            + "\r\n\r\n";
    return (status + docker).getBytes(StandardCharsets.US_ASCII);
  }

  private void toUpstream(ByteBuf bytes) {
    lastToUpstream =
        upstream
            .writeAndFlush(bytes)
            .addListener(
                (ChannelFutureListener)
                    f -> {
                      if (f.isSuccess()) {
                        ctx.read();
                      } else {
                        closeBoth();
                      }
                    });
  }

  /** Output from the stream port (from {@link UpstreamHandler}). */
  void toClient(Channel from, ByteBuf bytes) {
    if (from != upstream || state != State.SPLICED) {
      bytes.release();
      return;
    }
    lastToClient =
        ctx.writeAndFlush(bytes)
            .addListener(
                (ChannelFutureListener)
                    f -> {
                      if (f.isSuccess()) {
                        upstream.read();
                      } else {
                        closeBoth();
                      }
                    });
  }

  /** The stream port ended its output or closed (from {@link UpstreamHandler}). */
  void upstreamEnded(Channel from) {
    if (from != upstream) {
      return; // an earlier, answered request's connection
    }
    switch (state) {
      case OPENING ->
          fail(
              HttpResponseStatus.BAD_GATEWAY, "the container-service closed the stream unanswered");
      case SPLICED -> {
        state = State.CLOSED;
        lastToClient.addListener(f -> ctx.close());
        upstream.close();
      }
      default -> {
        // answered already
      }
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent && state == State.SPLICED) {
      clientInputEnded();
    } else if (evt instanceof ChannelInputShutdownEvent && state == State.OPENING) {
      clientInputEnded = true;
    } else if (state == State.IDLE || state == State.PASSING) {
      ctx.fireUserEventTriggered(evt);
    } else {
      ReferenceCountUtil.release(evt);
    }
  }

  /** The client closed stdin: shut the upstream's output once the bytes before it are written. */
  private void clientInputEnded() {
    Channel up = upstream;
    lastToUpstream.addListener(
        f -> {
          if (up instanceof DuplexChannel duplex && up.isActive()) {
            duplex.shutdownOutput();
          }
        });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    releaseBody();
    if (upstream != null) {
      upstream.close();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (state == State.IDLE || state == State.PASSING) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    LOG.debug("Hijacked connection failed", cause);
    closeBoth();
  }

  private void closeBoth() {
    state = State.CLOSED;
    if (upstream != null) {
      upstream.close();
    }
    ctx.close();
  }

  /** Answers the hijack request with Docker's error body; the upstream, if any, is closed. */
  private void fail(HttpResponseStatus status, String message) {
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
    if (answerTimeout != null) {
      answerTimeout.cancel(false);
    }
    respond(status, message, HttpUtil.isKeepAlive(request));
  }

  private void respondEmpty() {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    send(response, HttpUtil.isKeepAlive(request));
  }

  private void respond(HttpResponseStatus status, String message, boolean keepAlive) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(StreamWire.error(message)));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    send(response, keepAlive);
  }

  /** Writes a whole answer through the HTTP codec; then the next request, or the end. */
  private void send(FullHttpResponse response, boolean keepAlive) {
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set("Api-Version", DockerApi.VERSION)
        .set("Docker-Experimental", "false")
        .set("Ostype", "linux")
        .set(HttpHeaderNames.SERVER, DockerApi.SERVER);
    HttpUtil.setKeepAlive(response, keepAlive);
    request = null;
    hijack = null;
    upstream = null;
    boolean open = keepAlive && state != State.CLOSED;
    state = open ? State.IDLE : State.CLOSED;
    ChannelFuture written = ctx.writeAndFlush(response);
    if (open) {
      written.addListener(
          (ChannelFutureListener)
              f -> {
                if (f.isSuccess()) {
                  ctx.read();
                }
              });
    } else {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void releaseBody() {
    if (body != null) {
      body.release();
      body = null;
    }
  }
}
