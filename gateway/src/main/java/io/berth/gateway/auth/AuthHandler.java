package io.berth.gateway.auth;

import io.berth.events.EventCodec;
import io.berth.events.audit.RequestAudited;
import io.berth.gateway.docker.DockerApi;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One HTTP/1 connection's gate, right after the HTTP server codec and so before Micronaut's routes
 * and the hijack handler: a request the {@link Gate} allows passes on untouched; a refused one is
 * answered here with 401 or 403 and Docker's {@code {"message": ...}} body, audited, and its body
 * read and dropped (the connection closes after a refused request that had a body).
 */
final class AuthHandler extends ChannelInboundHandlerAdapter {

  private final Gate gate;
  private final Consumer<RequestAudited> audit;

  /** Dropping the rest of a refused request. */
  private boolean discarding;

  /** Close the connection once the refused request's body is dropped. */
  private boolean closeAfterBody;

  /** The refusal's write. */
  private ChannelFuture answered;

  /** Whether this read passed anything on, and whether it dropped anything. */
  private boolean passed;

  private boolean dropped;

  /**
   * @param gate decides
   * @param audit takes the audit record of every refusal ({@link DeniedRequests#publish})
   */
  AuthHandler(Gate gate, Consumer<RequestAudited> audit) {
    this.gate = gate;
    this.audit = audit;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (discarding) {
      drop(ctx, msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      InetAddress remote = addressOf(ctx.channel().remoteAddress());
      String method = request.method().name();
      Decision decision =
          gate.decide(
              remote, request.headers().get(HttpHeaderNames.AUTHORIZATION), method, uri.path());
      if (!decision.allowed()) {
        refuse(ctx, request, uri, remote, decision);
        discarding = true;
        drop(ctx, msg);
        return;
      }
    }
    passed = true;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (passed || !dropped) {
      ctx.fireChannelReadComplete(); // as if this handler were not there
    }
    if (dropped && ctx.channel().isActive()) {
      ctx.read(); // Micronaut, which asks for reads, saw nothing of what was dropped
    }
    passed = false;
    dropped = false;
  }

  private void drop(ChannelHandlerContext ctx, Object msg) {
    dropped = true;
    boolean last = msg instanceof LastHttpContent;
    ReferenceCountUtil.release(msg);
    if (last) {
      discarding = false;
      if (closeAfterBody) {
        answered.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  private void refuse(
      ChannelHandlerContext ctx,
      HttpRequest request,
      QueryStringDecoder uri,
      InetAddress remote,
      Decision decision) {
    audit.accept(
        DeniedRequests.record(
            decision,
            remote == null ? "unknown" : remote.getHostAddress(),
            request.headers().get(HttpHeaderNames.USER_AGENT),
            request.method().name(),
            uri.path(),
            uri.parameters()));
    boolean body =
        !(request instanceof LastHttpContent)
            && (HttpUtil.isTransferEncodingChunked(request)
                || HttpUtil.getContentLength(request, 0L) > 0);
    boolean keepAlive = HttpUtil.isKeepAlive(request) && !body;
    closeAfterBody = !keepAlive;
    byte[] message =
        HttpMethod.HEAD.equals(request.method())
            ? new byte[0]
            : error(decision.message()).getBytes(StandardCharsets.UTF_8);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(decision.status()),
            Unpooled.wrappedBuffer(message));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CONTENT_LENGTH, message.length)
        .set("Api-Version", DockerApi.VERSION)
        .set("Docker-Experimental", "false")
        .set("Ostype", "linux")
        .set(HttpHeaderNames.SERVER, DockerApi.SERVER);
    if (decision.status() == 401) {
      response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"berth\"");
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    answered = ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  private static String error(String message) {
    return EventCodec.mapper().valueToTree(Map.of("message", message)).toString();
  }

  private static InetAddress addressOf(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
