package io.tidings.subscription;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.tidings.web.ClientAddresses;
import jakarta.inject.Singleton;

/** Reads who sent a request; the client address also keys the per-client cap. */
@Singleton
class RequestOrigins {

    private final ClientAddresses addresses;
    private final SubscribeRateLimiter limiter;

    RequestOrigins(ClientAddresses addresses, SubscribeRateLimiter limiter) {
        this.addresses = addresses;
        this.limiter = limiter;
    }

    RequestOrigin of(HttpRequest<?> request, Source source) {
        return new RequestOrigin(addresses.of(request), request.getHeaders().get(HttpHeaders.USER_AGENT), source);
    }

    /** The origin of a subscribe request, counted against its client's cap. */
    RequestOrigin subscribing(HttpRequest<?> request, Source source) {
        RequestOrigin origin = of(request, source);
        limiter.acquire(origin.clientAddress());
        return origin;
    }
}
