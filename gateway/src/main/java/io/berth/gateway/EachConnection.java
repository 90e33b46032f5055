package io.berth.gateway;

import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/**
 * A Netty server customizer that hands every connection the gateway accepts to an action once the
 * connection's HTTP/1 pipeline is built: how the gateway's own handlers (authentication, hijacked
 * streams) get in front of Micronaut's routes.
 */
public final class EachConnection implements NettyServerCustomizer {

  private final Consumer<Channel> pipelineBuilt;

  public EachConnection(Consumer<Channel> pipelineBuilt) {
    this.pipelineBuilt = pipelineBuilt;
  }

  @Override
  public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
    return role == ChannelRole.CONNECTION ? new Connection(channel) : this;
  }

  /** One connection's customizer. */
  private final class Connection implements NettyServerCustomizer {
    private final Channel channel;

    Connection(Channel channel) {
      this.channel = channel;
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return this;
    }

    @Override
    public void onStreamPipelineBuilt() {
      pipelineBuilt.accept(channel);
    }
  }
}
