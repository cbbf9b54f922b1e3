package dev.tandem.maven.remote;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;

/**
 * A response body read into memory up to a limit: past it, the download is cancelled and the body fails with
 * {@link TooLarge}. Every byte received is taken from the build's budget of bytes held at once ({@code inFlight});
 * when it is spent, the download is cancelled and fails with {@link Busy}. So neither one server's body nor many
 * at once can fill the build's memory. A body whose length the server declares takes all of it from the budget
 * before its first byte ({@link #expect}), or fails at once: downloads running together then finish or give up
 * whole, instead of each taking a share of the budget until none can finish. What a complete body holds is given
 * back by {@link #release}.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    /** The body passed the limit. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }

    /** The build's budget of bytes held at once was spent: this body is a miss. */
    static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy() {
            super("the bytes held at once for the remote are spent");
        }
    }

    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final long limit;
    private final Semaphore inFlight;
    private long received;
    private int held;
    private boolean released;
    private Flow.Subscription subscription;
    /** Why the body fails before its first byte (its declared length), or null. */
    private RuntimeException refused;

    LimitedBody(long limit, Semaphore inFlight) {
        this.limit = limit;
        this.inFlight = inFlight;
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

    /**
     * Takes a body's declared length ({@code Content-Length}) from the budget before its first byte: a body past
     * the limit, or one the budget cannot hold whole now, fails without being downloaded.
     */
    LimitedBody expect(java.util.OptionalLong declared) {
        if (declared.isPresent() && declared.getAsLong() > 0) {
            long length = declared.getAsLong();
            if (length > limit) {
                refused = new TooLarge(limit);
            } else if (length <= Integer.MAX_VALUE && inFlight.tryAcquire((int) length)) {
                synchronized (this) {
                    held = (int) length;
                }
            } else {
                refused = new Busy();
            }
        }
        return this;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (refused != null) {
            fail(refused);
            return;
        }
        bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        int size = 0;
        for (ByteBuffer item : items) {
            size += item.remaining();
        }
        received += size;
        if (received > limit) {
            fail(new TooLarge(limit));
            return;
        }
        synchronized (this) {
            if (released) { // given up on (a timeout) while bytes were still under way
                subscription.cancel();
                return;
            }
            long more = received - held; // beyond what the declared length took already
            if (more <= 0) {
                size = -1;
            } else if (inFlight.tryAcquire((int) more)) {
                held += (int) more;
                size = -1;
            }
        }
        if (size >= 0) {
            fail(new Busy());
            return;
        }
        bytes.onNext(items);
    }

    private void fail(RuntimeException why) {
        subscription.cancel();
        release();
        body.completeExceptionally(why);
    }

    /** Gives back to the budget what this body holds: once its reader is done with it, or it failed. */
    synchronized void release() {
        inFlight.release(held);
        held = 0;
        released = true;
    }

    @Override
    public void onError(Throwable failure) {
        release();
        bytes.onError(failure);
    }

    @Override
    public void onComplete() {
        bytes.onComplete();
    }
}
