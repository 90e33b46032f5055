package io.berth.gateway.docker.hijack;

import io.berth.gateway.EachConnection;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import jakarta.inject.Singleton;

/**
 * Puts a {@link HijackHandler} right after the HTTP/1 server codec of every connection Micronaut's
 * Netty server accepts, so attach and exec start requests never reach Micronaut's routing.
 */
@Singleton
final class HijackInstaller implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

  /** The handler's name in the pipeline. */
  static final String HANDLER_NAME = "berth-hijack";

  /** The authentication handler's name (io.berth.gateway.auth), which must come first. */
  private static final String AUTH_HANDLER_NAME = "berth-auth";

  private final ContainerStreamConfig config;

  HijackInstaller(ContainerStreamConfig config) {
    this.config = config;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    event.getBean().register(new EachConnection(channel -> install(channel.pipeline(), config)));
    return event.getBean();
  }

  /**
   * Adds the handler after the pipeline's {@link HttpServerCodec} (and its authentication handler,
   * if already added; else that one adds itself right after the codec); a pipeline without one
   * (HTTP/2) is left alone: Docker clients hijack over HTTP/1.1 only.
   */
  static void install(ChannelPipeline pipeline, ContainerStreamConfig config) {
    ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
    if (codec != null && pipeline.get(HANDLER_NAME) == null) {
      // After the authentication handler when it is there: hijacks pass the same gate.
      String after = pipeline.get(AUTH_HANDLER_NAME) != null ? AUTH_HANDLER_NAME : codec.name();
      pipeline.addAfter(after, HANDLER_NAME, new HijackHandler(config));
    }
  }
}
