package io.berth.gateway.docker.hijack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream port's side of a hijack: its first line is the answer, everything after it output for
 * the client. Every event goes to the client connection's {@link HijackHandler}.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamHandler.class);

  private final HijackHandler client;
  private boolean answered;

  UpstreamHandler(HijackHandler client) {
    this.client = client;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf bytes = (ByteBuf) msg;
    if (answered) {
      client.toClient(ctx.channel(), bytes);
      return;
    }
    answered = true;
    StreamWire.Answer answer;
    try {
      answer = StreamWire.answer(ByteBufUtil.getBytes(bytes));
    } catch (IOException e) {
      client.badAnswer(ctx.channel(), e.getMessage());
      return;
    } finally {
      bytes.release();
    }
    client.answered(ctx.channel(), answer);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      client.upstreamEnded(ctx.channel());
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    client.upstreamEnded(ctx.channel());
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("Container stream connection failed", cause);
    if (!answered) {
      client.badAnswer(ctx.channel(), cause.getMessage());
    }
    ctx.close();
  }
}
