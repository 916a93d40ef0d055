package dev.atelier.worker.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private final OffsetTracker tracker = new OffsetTracker();

    @Test
    void aFinishedRunCommitsTheNextOffset() {
        tracker.begin(0, 7);
        assertThat(tracker.finish(0, 7)).hasValue(8);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void aLaterRunFinishingFirstNeverCommitsPastAnEarlierUnfinishedOne() {
        tracker.begin(0, 5);
        tracker.begin(0, 6);
        assertThat(tracker.finish(0, 6)).as("offset 5 still training").isEqualTo(OptionalLong.empty());
        assertThat(tracker.finish(0, 5)).hasValue(7);
    }

    @Test
    void anEarlierRunFinishingCommitsUpToTheNextUnfinishedOne() {
        tracker.begin(0, 5);
        tracker.begin(0, 6);
        assertThat(tracker.finish(0, 5)).hasValue(6);
        assertThat(tracker.finish(0, 6)).hasValue(7);
    }

    @Test
    void anAbandonedRunBlocksLaterCommitsSoItIsRedelivered() {
        tracker.begin(0, 5);
        tracker.begin(0, 6);
        tracker.abandon(0, 5);
        assertThat(tracker.finish(0, 6)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void partitionsAreIndependentAndForgottenOnRevocation() {
        tracker.begin(0, 5);
        tracker.begin(1, 9);
        assertThat(tracker.finish(1, 9)).hasValue(10);
        tracker.forget(0);
        assertThat(tracker.finish(0, 5)).isEqualTo(OptionalLong.empty());
        assertThat(tracker.inFlight()).isZero();
    }
}
