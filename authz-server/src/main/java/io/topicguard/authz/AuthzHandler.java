package io.topicguard.authz;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Routes each HTTP request to its endpoint and writes the answer: 404 for an unknown path, 405
 * (with {@code Allow}) for a known path asked with the wrong method, 400 with a JSON message for a
 * body that is not the contract's shape, 413 (by the aggregator in front) for a body over 64 KiB.
 * Nothing a caller sends reaches {@link #exceptionCaught}: a bug answers 500 and is logged.
 *
 * <p>Answers go out in request order on a keep-alive connection, also when an authentication
 * answer (completed on a chain worker) is overtaken by a policy answer pipelined behind it: each
 * answer is written after the one before it, on the channel's event loop. Stateless and shared.
 */
@ChannelHandler.Sharable
final class AuthzHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(AuthzHandler.class);
    private static final AttributeKey<CompletableFuture<Void>> LAST_ANSWER = AttributeKey.valueOf("topicguard-last-answer");

    private final Map<String, Endpoint> endpoints;
    private final AuthzMetrics metrics;
    private final boolean decisions;

    /** @param decisions false on the metrics-only listener: only {@code /healthz} and {@code /metrics} */
    AuthzHandler(Map<String, Endpoint> endpoints, AuthzMetrics metrics, boolean decisions) {
        this.endpoints = Map.copyOf(endpoints);
        this.metrics = metrics;
        this.decisions = decisions;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            // A request line or header Netty could not parse: answer once and close, the stream is lost.
            write(ctx, Reply.message(400, "malformed HTTP request: " + request.decoderResult().cause().getMessage(), "bad_request"),
                    false);
            return;
        }
        String path = path(request.uri());
        CompletableFuture<Reply> reply = route(path, request);
        CompletableFuture<Void> previous = ctx.channel().attr(LAST_ANSWER).get();
        String endpoint = endpoints.containsKey(path) || path.equals("/healthz") || path.equals("/metrics") ? path : "other";
        if ((previous == null || previous.isDone()) && reply.isDone()) {
            Reply done = reply.join();
            metrics.answered(endpoint, done.label(), start);
            write(ctx, done, keepAlive);
            return;
        }
        CompletableFuture<Void> base = previous == null ? CompletableFuture.completedFuture(null) : previous;
        CompletableFuture<Void> written = base.thenCombine(reply, (ignored, r) -> r)
                .thenAcceptAsync(r -> {
                    metrics.answered(endpoint, r.label(), start);
                    write(ctx, r, keepAlive);
                }, ctx.executor());
        ctx.channel().attr(LAST_ANSWER).set(written);
    }

    private CompletableFuture<Reply> route(String path, FullHttpRequest request) {
        if (path.equals("/healthz") || path.equals("/metrics")) {
            if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                return done(methodNotAllowed("GET"));
            }
            return done(path.equals("/healthz")
                    ? Reply.json(200, Reply.JSON.createObjectNode().put("status", "ok"), null, "ok")
                    : new Reply(200, metrics.render().getBytes(StandardCharsets.UTF_8), AuthzMetrics.contentType(), Map.of(), "ok"));
        }
        Endpoint endpoint = decisions ? endpoints.get(path) : null;
        if (endpoint == null) {
            return done(Reply.message(404, "no such endpoint: " + Values.quote(path), "not_found"));
        }
        if (!request.method().equals(HttpMethod.POST)) {
            return done(methodNotAllowed("POST"));
        }
        try {
            RequestBody body = RequestBody.parse(ByteBufUtil.getBytes(request.content()));
            return endpoint.answer(body, request.headers()).exceptionally(e -> internalError(path, e));
        } catch (BadRequest e) {
            return done(Reply.message(400, e.getMessage(), "bad_request"));
        } catch (RuntimeException e) {
            return done(internalError(path, e));
        }
    }

    private static Reply internalError(String path, Throwable e) {
        LOG.error("{}: internal error answering a request", path, e);
        return Reply.message(500, "internal error", "error");
    }

    private static Reply methodNotAllowed(String allowed) {
        Reply reply = Reply.message(405, "method not allowed; use " + allowed, "bad_method");
        return new Reply(reply.status(), reply.body(), reply.contentType(), Map.of(HttpHeaderNames.ALLOW.toString(), allowed),
                reply.label());
    }

    private static CompletableFuture<Reply> done(Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static String path(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()),
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        // Header values are ours: a reason is a word and a file:line, never anything a client sent.
        reply.headers().forEach(response.headers()::set);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // A connection that sends nothing for a minute (or stops mid-request) holds no slot forever.
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing {} after {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
