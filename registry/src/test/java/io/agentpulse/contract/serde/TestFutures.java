package io.agentpulse.contract.serde;

import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;

final class TestFutures {
    private TestFutures() {}

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
