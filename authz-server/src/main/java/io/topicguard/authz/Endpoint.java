package io.topicguard.authz;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.concurrent.CompletableFuture;

/**
 * One POST endpoint of the service. Called on the connection's event loop: a policy question is
 * answered there at once; authentication returns a future the chain's workers complete.
 */
@FunctionalInterface
interface Endpoint {

    /** @throws BadRequest when the body is not the contract's shape (answered 400) */
    CompletableFuture<Reply> answer(RequestBody body, HttpHeaders headers) throws BadRequest;
}
