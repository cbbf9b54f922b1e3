package dev.tandem.maven.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bytes-held-at-once budget, driven chunk by chunk as the JDK's client would, with no server and no timing. */
class LimitedBodyTest {
    private static final int MIB = 1024 * 1024;

    /** A subscription that only notes its cancellation. */
    private static final class Noted implements Flow.Subscription {
        boolean cancelled;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static LimitedBody subscribed(LimitedBody body, Noted subscription) {
        body.onSubscribe(subscription);
        return body;
    }

    private static boolean failedWith(CompletableFuture<byte[]> body, Class<?> why) {
        try {
            body.get();
            return false;
        } catch (ExecutionException e) {
            return why.isInstance(e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @DisplayName("two declared bodies that cannot both be held: the first is read whole, the second refused before"
            + " its first byte, even with their chunks interleaved")
    void declaredBodiesFinishWhole() {
        Semaphore budget = new Semaphore(32 * MIB);
        Noted a = new Noted();
        Noted b = new Noted();
        LimitedBody first = subscribed(new LimitedBody(64 * MIB, budget).expect(OptionalLong.of(20 * MIB)), a);
        LimitedBody second = subscribed(new LimitedBody(64 * MIB, budget).expect(OptionalLong.of(20 * MIB)), b);
        for (int chunk = 0; chunk < 20; chunk++) { // chunk by chunk, in turns, as two downloads arrive together
            first.onNext(List.of(ByteBuffer.allocate(MIB)));
            if (!b.cancelled) {
                second.onNext(List.of(ByteBuffer.allocate(MIB)));
            }
        }
        first.onComplete();

        assertThat(b.cancelled).as("the second download is cancelled").isTrue();
        assertThat(failedWith(second.getBody().toCompletableFuture(), LimitedBody.Busy.class))
                .isTrue();
        assertThat(a.cancelled).isFalse();
        assertThat(first.getBody().toCompletableFuture().join()).hasSize(20 * MIB);
        assertThat(budget.availablePermits()).as("the first holds its 20 MiB").isEqualTo(12 * MIB);
        first.release();
        assertThat(budget.availablePermits()).isEqualTo(32 * MIB);
    }

    @Test
    @DisplayName("a declared length past the entry limit is refused before download and holds nothing")
    void declaredTooLarge() {
        Semaphore budget = new Semaphore(32 * MIB);
        Noted s = new Noted();
        LimitedBody body = subscribed(new LimitedBody(MIB, budget).expect(OptionalLong.of(2 * MIB)), s);
        assertThat(s.cancelled).isTrue();
        assertThat(failedWith(body.getBody().toCompletableFuture(), LimitedBody.TooLarge.class))
                .isTrue();
        assertThat(budget.availablePermits()).isEqualTo(32 * MIB);
    }

    @Test
    @DisplayName("a body without a declared length takes the budget chunk by chunk and gives up when it is spent,"
            + " giving back what it took")
    void undeclaredBodyCountedByChunk() {
        Semaphore budget = new Semaphore(3 * MIB);
        Noted s = new Noted();
        LimitedBody body = subscribed(new LimitedBody(64 * MIB, budget).expect(OptionalLong.empty()), s);
        for (int chunk = 0; chunk < 4 && !s.cancelled; chunk++) {
            body.onNext(List.of(ByteBuffer.allocate(MIB)));
        }
        assertThat(s.cancelled).isTrue();
        assertThat(failedWith(body.getBody().toCompletableFuture(), LimitedBody.Busy.class))
                .isTrue();
        assertThat(budget.availablePermits()).isEqualTo(3 * MIB);
    }
}
