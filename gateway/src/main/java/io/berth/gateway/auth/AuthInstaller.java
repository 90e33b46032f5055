package io.berth.gateway.auth;

import io.berth.gateway.EachConnection;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts an {@link AuthHandler} right after the HTTP/1 server codec of every connection the gateway
 * accepts, ahead of Micronaut's routes and of the hijack handler (which places itself after this
 * one). A connection without that codec (HTTP/2) is closed: nothing passes ungated.
 */
@Singleton
final class AuthInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  /** The handler's name in the pipeline. */
  static final String HANDLER_NAME = "berth-auth";

  private static final Logger LOG = LoggerFactory.getLogger(AuthInstaller.class);

  private final Gate gate;
  private final DeniedRequests denied;

  AuthInstaller(Gate gate, DeniedRequests denied) {
    this.gate = gate;
    this.denied = denied;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new EachConnection(this::install));
    return event.getBean();
  }

  private void install(Channel channel) {
    ChannelPipeline pipeline = channel.pipeline();
    ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
    if (codec == null) {
      LOG.error("closing a connection without an HTTP/1 codec: Berth authenticates HTTP/1 only");
      channel.close();
      return;
    }
    if (pipeline.get(HANDLER_NAME) == null) {
      pipeline.addAfter(codec.name(), HANDLER_NAME, new AuthHandler(gate, denied::publish));
    }
  }
}
