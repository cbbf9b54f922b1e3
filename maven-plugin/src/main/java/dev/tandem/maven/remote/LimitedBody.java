package dev.tandem.maven.remote;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit: past it, the download is cancelled and the body fails with
 * {@link TooLarge}, so a server (or anyone in between) cannot fill the build's memory.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body passed the limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }

    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final long limit;
    private long received;
    private Flow.Subscription subscription;

    LimitedBody(long limit) {
        this.limit = limit;
        bytes.getBody().whenComplete((value, failure) -> {
            if (failure != null) {
                body.completeExceptionally(failure);
            } else {
                body.complete(value);
            }
        });
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            received += item.remaining();
        }
        if (received > limit) {
            subscription.cancel();
            body.completeExceptionally(new TooLarge(limit));
            return;
        }
        bytes.onNext(items);
    }

    @Override
    public void onError(Throwable failure) {
        bytes.onError(failure);
    }

    @Override
    public void onComplete() {
        bytes.onComplete();
    }
}
