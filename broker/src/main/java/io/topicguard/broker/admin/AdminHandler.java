package io.topicguard.broker.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.topicguard.broker.metrics.BrokerMetrics;
import io.topicguard.broker.server.ClientView;
import io.topicguard.auth.reload.PolicyStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Routes the admin requests; stateless and shared by every admin connection. */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    private static final String CLIENTS = "/clients/";
    private static final String CHECK = "/check";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final BrokerMetrics metrics;
    private final Supplier<PolicyStatus> policy;
    private final Function<String, Optional<ClientView>> clients;

    AdminHandler(BrokerMetrics metrics, Supplier<PolicyStatus> policy, Function<String, Optional<ClientView>> clients) {
        this.metrics = metrics;
        this.policy = policy;
        this.clients = clients;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        FullHttpResponse response;
        try {
            response = route(request);
        } catch (BadQuery e) {
            response = error(HttpResponseStatus.valueOf(e.status()), e.getMessage());
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.warn("admin request {} {} failed", request.method(), request.uri(), e);
            response = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e.getClass().getSimpleName());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private FullHttpResponse route(FullHttpRequest request) throws BadQuery, JsonProcessingException {
        if (!request.decoderResult().isSuccess()) {
            throw new BadQuery(400, "malformed HTTP request");
        }
        if (request.method() != HttpMethod.GET) {
            throw new BadQuery(405, "only GET is supported, got " + request.method());
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.rawPath();
        if (path.equals("/metrics")) {
            return response(HttpResponseStatus.OK, BrokerMetrics.contentType(), metrics.render());
        }
        if (path.equals("/policy")) {
            return json(HttpResponseStatus.OK, PolicyReport.of(policy.get()));
        }
        if (path.startsWith(CLIENTS) && path.length() > CLIENTS.length()) {
            boolean check = path.endsWith(CHECK) && path.length() > CLIENTS.length() + CHECK.length();
            String rawId = path.substring(CLIENTS.length(), check ? path.length() - CHECK.length() : path.length());
            // In a path '+' is itself (decodeComponent follows form encoding, where it means a space).
            String clientId = QueryStringDecoder.decodeComponent(rawId.replace("+", "%2B"), StandardCharsets.UTF_8);
            ClientView session = clients.apply(clientId)
                    .orElseThrow(() -> new BadQuery(404, "no session for client id '" + clientId + "'"));
            if (check) {
                return json(HttpResponseStatus.OK, ClientReport.check(session, CheckQuery.parse(uri.parameters())));
            }
            if (!uri.parameters().isEmpty()) {
                throw new BadQuery(400, "/clients/{clientid} takes no parameters; did you mean /clients/" + rawId + "/check?");
            }
            return json(HttpResponseStatus.OK, ClientReport.describe(session));
        }
        throw new BadQuery(404, "unknown path '" + path + "': try /metrics, /policy, /clients/{clientid} or /clients/{clientid}/check");
    }

    private FullHttpResponse json(HttpResponseStatus status, Object body) throws JsonProcessingException {
        return response(status, "application/json; charset=utf-8", json.writeValueAsString(body) + "\n");
    }

    private FullHttpResponse error(HttpResponseStatus status, String message) {
        ObjectNode body = json.createObjectNode().put("status", status.code()).put("error", message);
        try {
            return json(status, body);
        } catch (JsonProcessingException e) {
            return response(status, "text/plain; charset=utf-8", message + "\n");
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        r.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        return r;
    }
}
