package org.congressvote.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open loop's phones: an HTTP/1.1 client on one Netty event loop, one connection per request in flight, kept
 * alive and reused by the next request (as a phone's browser reuses its connection), opened when none is idle. It
 * replaces the JDK's HTTP client in the open loops: that client (one selector thread, a thread started per completed
 * request on 2 cores, a connect timer per new connection) fell behind itself once a few thousand requests were in
 * flight, so the bench measured its own stall as the service's (docs/benchmarks.md). Answers complete on the event
 * loop; callers must not block in them.
 */
final class PhoneConnections implements AutoCloseable {

    /** An HTTP answer: status, body, Retry-After (seconds, or -1). */
    record Answer(int status, String body, long retryAfterSeconds) {}

    private static final AttributeKey<CompletableFuture<Answer>> PENDING = AttributeKey.valueOf("pending");

    private final EventLoopGroup loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();
    final AtomicInteger opened = new AtomicInteger();

    PhoneConnections(String baseUrl, int threads) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.loop = new NioEventLoopGroup(threads, r -> {
            Thread t = new Thread(r, "bench-phones");
            t.setDaemon(true);
            return t;
        });
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(1 << 20))
                                .addLast(new AnswerHandler());
                    }
                });
    }

    /** POSTs {@code json} to {@code path} with the bearer token; the future fails when no HTTP answer came. */
    CompletableFuture<Answer> post(String path, String bearer, String json) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Channel channel;
        while ((channel = idle.pollFirst()) != null) {
            if (channel.isActive()) {
                send(channel, path, bearer, body, answer);
                return answer;
            }
        }
        bootstrap.connect(host, port).addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                opened.incrementAndGet();
                send(connected.channel(), path, bearer, body, answer);
            } else {
                answer.completeExceptionally(connected.cause());
            }
        });
        return answer;
    }

    private void send(Channel channel, String path, String bearer, byte[] body, CompletableFuture<Answer> answer) {
        channel.attr(PENDING).set(answer);
        FullHttpRequest request =
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, host + ":" + port)
                .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearer)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        channel.writeAndFlush(request).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                fail(written.channel(), written.cause());
            }
        });
    }

    private static void fail(Channel channel, Throwable cause) {
        CompletableFuture<Answer> pending = channel.attr(PENDING).getAndSet(null);
        if (pending != null) {
            pending.completeExceptionally(cause);
        }
        channel.close();
    }

    private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            CompletableFuture<Answer> pending = ctx.channel().attr(PENDING).getAndSet(null);
            ByteBuf content = response.content();
            String retryAfter = response.headers().get(HttpHeaderNames.RETRY_AFTER);
            Answer answer = new Answer(
                    response.status().code(),
                    content.toString(StandardCharsets.UTF_8),
                    retryAfter == null ? -1 : parseOr(retryAfter, 2));
            if (HttpUtil.isKeepAlive(response)) {
                idle.addFirst(ctx.channel());
            } else {
                ctx.close();
            }
            if (pending != null) {
                pending.complete(answer);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            fail(ctx.channel(), new java.io.IOException("connection closed before an answer"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), cause);
        }
    }

    private static long parseOr(String value, long fallback) {
        try {
            return Math.max(1, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
