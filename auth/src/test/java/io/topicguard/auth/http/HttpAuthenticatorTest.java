package io.topicguard.auth.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.auth.chain.Credentials;
import io.topicguard.auth.config.HttpAuthConfig;
import io.topicguard.engine.ClientRule;
import io.topicguard.auth.testing.LocalHttpServer;
import io.topicguard.auth.testing.LocalHttpServer.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** EMQX 5's HTTP authentication contract, against a service on a real socket. */
class HttpAuthenticatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalHttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.close();
        }
    }

    private HttpAuthenticator service(LocalHttpServer.Handler handler) throws AuthenticatorSetupException {
        server = new LocalHttpServer("X-Api-Key", handler);
        return HttpAuthenticator.create(post(server.uri("/auth").toString(), Duration.ofSeconds(2)));
    }

    private static HttpAuthConfig post(String url, Duration timeout) {
        return new HttpAuthConfig(url, HttpAuthConfig.Method.POST, Map.of("X-Api-Key", "k-123"),
                Map.of("username", "${username}", "password", "${password}", "clientid", "${clientid}"), timeout, 4);
    }

    private static Answer ask(HttpAuthenticator http) {
        return http.authenticate(Credentials.of("alice", "pa\"ss", "dev-1"));
    }

    @Test
    void allowWithSuperuserRulesAndExpiry() throws Exception {
        HttpAuthenticator http = service(request -> new Response(200, """
                {"result": "allow", "is_superuser": true, "expire_at": 1796119200,
                 "acl": [{"permission": "allow", "action": "publish", "topic": "t/${clientid}"}]}
                """));

        assertThat(ask(http)).isEqualTo(new Answer.Allow(true, List.of(new ClientRule(ClientRule.Permission.ALLOW,
                ClientRule.Action.PUBLISH, "t/${clientid}", false, ClientRule.ALL_QOS, null)), Instant.ofEpochSecond(1796119200)));
    }

    @Test
    void theRequestIsTheTemplatedJsonBodyWithTheConfiguredHeaders() throws Exception {
        HttpAuthenticator http = service(request -> new Response(204, null));

        assertThat(ask(http)).isEqualTo(Answer.allow());

        LocalHttpServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri().getPath()).isEqualTo("/auth");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.header()).isEqualTo("k-123");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("password").textValue()).as("a quote in the password stays inside the string").isEqualTo("pa\"ss");
        assertThat(body.get("username").textValue()).isEqualTo("alice");
        assertThat(body.get("clientid").textValue()).isEqualTo("dev-1");
    }

    @Test
    void getSendsTheTemplateAsAnUrlEncodedQuery() throws Exception {
        server = new LocalHttpServer(null, request -> new Response(200, "{\"result\": \"allow\"}"));
        HttpAuthenticator http = HttpAuthenticator.create(new HttpAuthConfig(server.uri("/auth/") + "${listener}?v=1",
                HttpAuthConfig.Method.GET, Map.of(), Map.of("u", "${username}", "p", "${password}", "ip", "${peerhost}", "cn", "${cn}"),
                Duration.ofSeconds(2), 1));

        Answer answer = http.authenticate(new ConnectCredentials("a&b=c", "p w/é".getBytes(StandardCharsets.UTF_8), "c",
                InetAddress.getByAddress(new byte[] {10, 0, 0, 7}), null, "tls"));

        assertThat(answer).isEqualTo(new Answer.Allow(false, List.of(), null));
        LocalHttpServer.Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.uri().getPath()).isEqualTo("/auth/tls");
        assertThat(request.uri().getRawQuery()).contains("v=1", "u=a%26b%3Dc", "p=p%20w%2F%C3%A9", "ip=10.0.0.7", "cn=");
        assertThat(request.uri().getRawQuery().split("&")).hasSize(5);
    }

    @Test
    void denyAndIgnoreAreTheServicesAnswers() throws Exception {
        HttpAuthenticator http = service(request -> new Response(200, "{\"result\": \"deny\"}"));
        assertThat(ask(http)).isEqualTo(Answer.deny("service said deny"));

        server.answer(request -> new Response(200, "{\"result\": \"ignore\"}"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("service said ignore"));
    }

    @Test
    void anyOtherStatusIsIgnoredWithTheStatusAsCause() throws Exception {
        HttpAuthenticator http = service(request -> new Response(500, "{\"result\": \"allow\"}"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("HTTP 500"));

        server.answer(request -> new Response(403, null));
        assertThat(ask(http)).isEqualTo(Answer.ignore("HTTP 403"));
    }

    @Test
    void malformedBodiesAreIgnoredWithTheCause() throws Exception {
        HttpAuthenticator http = service(request -> new Response(200, "{\"result\": allow"));
        assertThat(ask(http)).isInstanceOfSatisfying(Answer.Ignore.class,
                i -> assertThat(i.cause()).startsWith("malformed response: not JSON"));

        server.answer(request -> new Response(200, "[1]"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("malformed response: expected a JSON object, found [1]"));
        server.answer(request -> new Response(200, "{\"ok\": true}"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("malformed response: no \"result\" string"));
        server.answer(request -> new Response(200, "{\"result\": \"yes\"}"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("malformed response: result \"yes\" is not allow, deny or ignore"));
        server.answer(request -> new Response(200, "{\"result\": \"allow\", \"is_superuser\": \"maybe\"}"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("malformed response: is_superuser must be true or false, found \"maybe\""));
        server.answer(request -> new Response(200, "{\"result\": \"allow\", \"padding\": \"" + "x".repeat(70_000) + "\"}"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("malformed response: larger than 64 KiB"));
        server.answer(request -> new Response(200, "{\"result\": \"allow\", \"expire_at\": \"soon\"}"));
        assertThat(ask(http)).isEqualTo(Answer.ignore("malformed response: expire_at must be seconds since the epoch, found \"soon\""));
    }

    @Test
    void anAllowCarryingAMalformedRuleIsADeny() throws Exception {
        HttpAuthenticator http = service(request -> new Response(200,
                "{\"result\": \"allow\", \"acl\": [{\"permission\": \"allow\", \"action\": \"publish\", \"topic\": \"a/#/b\"}]}"));

        assertThat(ask(http)).isInstanceOfSatisfying(Answer.Deny.class,
                d -> assertThat(d.cause()).startsWith("acl: rule #1: topic \"a/#/b\": "));
    }

    @Test
    void aServiceSlowerThanTheTimeoutIsIgnored() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server = new LocalHttpServer(null, request -> {
            arrived.countDown();
            release.await(30, TimeUnit.SECONDS);
            return new Response(200, "{\"result\": \"allow\"}");
        });
        HttpAuthenticator http = HttpAuthenticator.create(post(server.uri("/auth").toString(), Duration.ofMillis(300)));

        assertThat(ask(http)).isEqualTo(Answer.ignore("timed out after 300ms (127.0.0.1:" + server.port() + ")"));
        assertThat(arrived.getCount()).as("the request did reach the service").isZero();
    }

    @Test
    void aServiceThatStallsMidAnswerIsIgnoredAtTheTimeout() throws Exception {
        server = new LocalHttpServer(null, request -> new Response(200, "{\"result\": \"allow\"", release));
        HttpAuthenticator http = HttpAuthenticator.create(post(server.uri("/auth").toString(), Duration.ofMillis(300)));

        assertThat(ask(http)).isEqualTo(Answer.ignore("timed out after 300ms (127.0.0.1:" + server.port() + ")"));
    }

    @Test
    void aRefusedConnectionIsIgnored() throws Exception {
        LocalHttpServer gone = new LocalHttpServer(null, request -> new Response(204, null));
        String url = gone.uri("/auth").toString();
        int port = gone.port();
        gone.close();
        HttpAuthenticator http = HttpAuthenticator.create(post(url, Duration.ofSeconds(2)));

        assertThat(ask(http)).isInstanceOfSatisfying(Answer.Ignore.class,
                i -> assertThat(i.cause()).startsWith("cannot connect to 127.0.0.1:" + port));
    }

    @Test
    void headersTheJdkReservesAreASetupError() {
        HttpAuthConfig config = new HttpAuthConfig("http://127.0.0.1/", HttpAuthConfig.Method.POST, Map.of("Connection", "close"),
                HttpAuthConfig.DEFAULT_BODY, Duration.ofSeconds(1), 1);

        assertThatThrownBy(() -> HttpAuthenticator.create(config))
                .isInstanceOf(AuthenticatorSetupException.class)
                .hasMessageStartingWith("http authenticator: header 'Connection' cannot be set");
    }

    @Test
    void noMoreThanPoolRequestsAreInFlight() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        server = new LocalHttpServer(null, request -> {
            inside.countDown();
            release.await(30, TimeUnit.SECONDS);
            return new Response(204, null);
        });
        HttpAuthenticator http = HttpAuthenticator.create(new HttpAuthConfig(server.uri("/").toString(), HttpAuthConfig.Method.POST,
                Map.of(), HttpAuthConfig.DEFAULT_BODY, Duration.ofSeconds(20), 1));
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> ask(http));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Answer> second = CompletableFuture.supplyAsync(() -> ask(http));
        await().atMost(Duration.ofSeconds(10)).until(() -> http.waiting() == 1);

        assertThat(server.requests()).as("the second request waits for the only connection").hasSize(1);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(Answer.allow());
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(Answer.allow());
        assertThat(server.requests()).hasSize(2);
    }

    @ParameterizedTest(name = "is_superuser {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "true | true", "\"true\" | true", "\"1\" | true", "1 | true", "2 | true",
            "false | false", "\"false\" | false", "\"0\" | false", "\"\" | false", "0 | false", "null | false"})
    void isSuperuserIsReadAsEmqxReadsIt(String written, boolean superuser) throws Exception {
        HttpAuthenticator http = service(request -> new Response(200, "{\"result\": \"allow\", \"is_superuser\": " + written + "}"));

        assertThat(ask(http)).isEqualTo(new Answer.Allow(superuser, List.of(), null));
    }

    @Test
    void theSetOfQosFromAnHttpAclIsKept() throws Exception {
        HttpAuthenticator http = service(request -> new Response(200,
                "{\"result\": \"allow\", \"acl\": {\"sub\": [\"eq cmd/1\"]}}"));

        assertThat(ask(http)).isEqualTo(new Answer.Allow(false, List.of(new ClientRule(ClientRule.Permission.ALLOW,
                ClientRule.Action.SUBSCRIBE, "cmd/1", true, Set.of(0, 1, 2), null)), null));
    }
}
