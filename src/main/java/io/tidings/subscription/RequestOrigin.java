package io.tidings.subscription;

import io.micronaut.core.annotation.Nullable;

/** Who sent a request, kept as evidence of consent. */
public record RequestOrigin(String clientAddress, @Nullable String userAgent, Source source) {

    private static final int USER_AGENT_MAX = 512;

    public RequestOrigin {
        if (userAgent != null && userAgent.length() > USER_AGENT_MAX) {
            userAgent = userAgent.substring(0, USER_AGENT_MAX);
        }
    }
}
