package org.congressvote.query.live;

import static org.congressvote.query.web.Queries.checkedId;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.congressvote.api.congress.AttendanceResponse;
import org.congressvote.api.congress.FetchAttendanceQuery;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.query.QueryServiceProperties;
import org.congressvote.query.web.ViewProblem;
import org.congressvote.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The live stream ({@code GET /api/congresses/{id}/live}) on its own port ({@code congress.live.port}), for audiences
 * beyond the hall: the same events, caps and refusals as the stream Tomcat serves, but a viewer costs a Netty channel
 * (a few KB) instead of a servlet request with its buffers (about 90 KB, docs/benchmarks.md). Each event's bytes are
 * one buffer that every channel writes a view of. A viewer whose unsent events pass the write buffer's high mark is
 * dropped (its EventSource reconnects and gets a fresh snapshot), so one slow phone never holds memory for the rest.
 * Off unless a port is configured; {@code congress.live.redirect} sends the Tomcat stream's callers here (307).
 */
@Component
public class LiveServer implements SmartLifecycle, LiveDashboard.Transport {

    private static final Logger log = LoggerFactory.getLogger(LiveServer.class);
    private static final Pattern PATH = Pattern.compile("/api/congresses/([^/]+)/live");

    private final LiveDashboard dashboard;
    private final QueryGateway queries;
    private final QueryServiceProperties.Live settings;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private volatile Channel server;

    LiveServer(LiveDashboard dashboard, QueryGateway queries, QueryServiceProperties properties) {
        this.dashboard = dashboard;
        this.queries = queries;
        this.settings = properties.live();
    }

    /** The port it listens on, once started; -1 when off. */
    public int port() {
        Channel s = server;
        return s == null ? -1 : ((InetSocketAddress) s.localAddress()).getPort();
    }

    /**
     * Where a stream asked for on the web port should be read instead (scheme, host and port, no path), or null to
     * serve it there: {@code congress.live.public-url} if set, else the host the caller used with the live port.
     */
    public String redirectFor(jakarta.servlet.http.HttpServletRequest request) {
        int port = port();
        if (port < 0 || !settings.redirect()) {
            return null;
        }
        if (!settings.publicUrl().isBlank()) {
            return settings.publicUrl().replaceAll("/+$", "");
        }
        String host = request.getServerName();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void start() {
        if (settings.port() < 0) {
            return;
        }
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(settings.ioThreads());
        try {
            server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(
                            ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(
                                    (int) settings.viewerBacklog().toBytes() / 2,
                                    (int) settings.viewerBacklog().toBytes()))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(2048, 8192, 1024), new Viewer());
                        }
                    })
                    .bind(settings.address(), settings.port())
                    .sync()
                    .channel();
            dashboard.addTransport(this);
            log.info("Live stream also served on {}:{}", settings.address(), port());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the live port", e);
        }
    }

    /**
     * Returns once every event handed to the channels so far is written: the dashboard's next round waits for it, so
     * when many viewers make a round slow, changes coalesce into fewer, later rounds instead of queueing writes.
     */
    @Override
    public void awaitSent() {
        EventLoopGroup group = workers;
        if (server == null || group == null) {
            return;
        }
        for (io.netty.util.concurrent.EventExecutor loop : group) {
            loop.submit(() -> {}).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void stop() {
        Channel s = server;
        server = null;
        if (s != null) {
            s.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Stops just before the dashboard ends its streams. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    /** One connection: one request for a stream, then the stream. */
    private final class Viewer extends SimpleChannelInboundHandler<HttpObject> {

        private LiveStream stream;
        /** The end of the stream's time; cancelled when the viewer leaves first, so churn leaves no tasks behind. */
        private io.netty.util.concurrent.ScheduledFuture<?> timeout;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (!(message instanceof HttpRequest request) || stream != null) {
                return; // a request's body, or anything after the stream began: ignored
            }
            if (!request.decoderResult().isSuccess()) {
                refuse(ctx, ErrorCode.INVALID_REQUEST, "Malformed request.", 0);
                return;
            }
            Matcher path = PATH.matcher(new QueryStringDecoder(request.uri()).path());
            if (!path.matches()) {
                refuse(ctx, ErrorCode.NOT_FOUND, "This port serves only " + "/api/congresses/{congressId}/live.", 0);
                return;
            }
            if (!HttpMethod.GET.equals(request.method())) {
                refuse(ctx, ErrorCode.INVALID_REQUEST, "The live stream is read with GET.", 0);
                return;
            }
            String client = ((InetSocketAddress) ctx.channel().remoteAddress())
                    .getAddress()
                    .getHostAddress();
            String congressId;
            try {
                congressId = checkedId(QueryStringDecoder.decodeComponent(path.group(1)), "congress");
                dashboard.seat(client);
            } catch (ViewProblem problem) {
                refuse(ctx, problem.code(), problem.getMessage(), problem.retryAfterSeconds());
                return;
            } catch (DomainRuleViolation problem) {
                refuse(ctx, problem.code(), problem.getMessage(), 0);
                return;
            }
            if (dashboard.watched(congressId)) {
                // others watch it already: it exists, and a crowd arriving together costs no read each
                begin(ctx, congressId, client);
                return;
            }
            queries.query(
                            new FetchAttendanceQuery(congressId),
                            ResponseTypes.optionalInstanceOf(AttendanceResponse.class))
                    .whenComplete((attendance, failure) -> ctx.executor().execute(() -> {
                        if (failure != null || attendance.isEmpty()) {
                            dashboard.release(client);
                            if (failure != null) {
                                refuse(
                                        ctx,
                                        ErrorCode.READ_MODEL_UNAVAILABLE,
                                        "The views cannot be read now; try again.",
                                        2);
                            } else {
                                refuse(
                                        ctx,
                                        ErrorCode.CONGRESS_NOT_FOUND,
                                        "There is no congress " + congressId + ".",
                                        0);
                            }
                            return;
                        }
                        begin(ctx, congressId, client);
                    }));
        }

        private void begin(ChannelHandlerContext ctx, String congressId, String client) {
            Channel channel = ctx.channel();
            if (!channel.isActive()) {
                dashboard.release(client);
                return;
            }
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
                    .set("X-Content-Type-Options", "nosniff")
                    // the results are public, and a projector page on the query-service's own port reads them here
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            // No length and no chunks: the body is the events until the connection closes, so after the head each
            // event is its bytes as they are, with the HTTP codec out of the way.
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(head);
            channel.pipeline().remove(HttpServerCodec.class);
            stream = dashboard.open(congressId, client, new LiveStream.Sink() {
                @Override
                public boolean send(LiveEvent event) {
                    if (!channel.isActive() || !channel.isWritable()) {
                        return false;
                    }
                    channel.writeAndFlush(event.frame(), channel.voidPromise());
                    return true;
                }

                @Override
                public void end() {
                    channel.close();
                }
            });
            LiveStream opened = stream;
            timeout = ctx.executor()
                    .schedule(
                            () -> {
                                dashboard.drop(opened);
                                opened.sink().end();
                            },
                            dashboard.streamTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (stream != null) {
                dashboard.drop(stream);
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a reset by the client, mostly: the stream ends with the channel
            ctx.close();
        }

        /** The problem (RFC 9457) with the code's status, and the connection closed. */
        private void refuse(ChannelHandlerContext ctx, ErrorCode code, String detail, long retryAfter) {
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(code.status()),
                    Unpooled.wrappedBuffer(Problems.bytes(code, detail)));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            if (retryAfter > 0) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, retryAfter);
            }
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
