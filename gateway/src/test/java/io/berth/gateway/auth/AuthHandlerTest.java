package io.berth.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.audit.RequestAudited;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final List<RequestAudited> audited = new ArrayList<>();
  private EmbeddedChannel channel;

  @BeforeEach
  void channel() throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(
        file,
        "root admin "
            + TokensFileTest.hash("admin-token")
            + "\nviewer reader "
            + TokensFileTest.hash("reader-token")
            + "\n");
    Gate gate = new Gate(Role.ADMIN, new TokensFile(file, new MutableClock()));
    channel =
        new EmbeddedChannel() {
          @Override
          protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("192.0.2.7", 40000);
          }
        };
    channel.pipeline().addLast(new AuthHandler(gate, audited::add));
  }

  private static HttpRequest request(HttpMethod method, String uri, String token) {
    HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    if (token != null) {
      request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
    }
    return request;
  }

  @Test
  void aRefusedReadIsAnsweredInDockersFormAndTheConnectionServesTheNextRequest() throws Exception {
    channel.writeInbound(
        request(HttpMethod.GET, "/v1.44/containers/json?all=1", null),
        LastHttpContent.EMPTY_LAST_CONTENT);

    assertThat((Object) channel.readInbound()).as("nothing reaches the routes").isNull();
    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(401);
    assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/json");
    assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE))
        .isEqualTo("Bearer realm=\"berth\"");
    assertThat(response.headers().get("Api-Version")).isEqualTo("1.44");
    assertThat(HttpUtil.isKeepAlive(response)).isTrue();
    assertThat(
            JSON.readTree(response.content().toString(StandardCharsets.UTF_8))
                .path("message")
                .asText())
        .startsWith("authentication required: Berth accepts requests without a token only from");
    response.release();

    assertThat(audited)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.principal()).isEqualTo("anonymous");
              assertThat(record.remoteAddress()).isEqualTo("192.0.2.7");
              assertThat(record.status()).isEqualTo(401);
              assertThat(record.action()).isEqualTo("read");
              assertThat(record.path()).isEqualTo("/v1.44/containers/json");
              assertThat(record.parameters()).contains("\"all\":\"1\"");
            });

    HttpRequest next = request(HttpMethod.GET, "/v1.44/containers/json", "reader-token");
    channel.writeInbound(next, LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat((Object) channel.readInbound()).isSameAs(next);
    assertThat((Object) channel.readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void aRefusedRequestWithABodyHasItDroppedAndTheConnectionClosed() {
    HttpRequest create = request(HttpMethod.POST, "/v1.44/containers/create", "reader-token");
    create.headers().set(HttpHeaderNames.CONTENT_LENGTH, 4);
    channel.writeInbound(
        create, new DefaultHttpContent(Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8)));

    FullHttpResponse response = channel.readOutbound();
    assertThat(response.status().code()).isEqualTo(403);
    assertThat(HttpUtil.isKeepAlive(response)).isFalse();
    response.release();
    assertThat(channel.isActive()).as("open until the body is read").isTrue();

    channel.writeInbound(
        new io.netty.handler.codec.http.DefaultLastHttpContent(
            Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8)));
    assertThat((Object) channel.readInbound()).isNull();
    channel.runPendingTasks();
    assertThat(channel.isActive()).isFalse();
    assertThat(audited)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.principal()).isEqualTo("viewer");
              assertThat(record.status()).isEqualTo(403);
              assertThat(record.action()).isEqualTo("container.create");
            });
  }

  @Test
  void anAllowedRequestPassesUntouchedAndIsNotAuditedHere() {
    HttpRequest create = request(HttpMethod.POST, "/v1.44/containers/create", "admin-token");
    channel.writeInbound(create, LastHttpContent.EMPTY_LAST_CONTENT);
    assertThat((Object) channel.readInbound()).isSameAs(create);
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(audited).isEmpty();
  }
}
