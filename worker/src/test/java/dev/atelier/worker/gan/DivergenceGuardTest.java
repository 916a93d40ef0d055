package dev.atelier.worker.gan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
    private static final int WINDOW = DivergenceGuard.WINDOW;

    @Test
    void aBlownUpOrNonFiniteLossIsDivergenceAtAnyPoint() {
        assertThat(new DivergenceGuard().check(55, WINDOW, 55, 0.01)).contains("above 10");
        assertThat(new DivergenceGuard().check(12, 4, 12, 0.01)).as("even over a small split's short epoch").isNotNull();
        assertThat(new DivergenceGuard().check(0.8, WINDOW, 0.8, Double.NaN)).contains("non-finite");
    }

    @Test
    void aDiscriminatorThatHadLearnedAndNowDoesWorseThanGuessingHasDiverged() {
        // the gan_mode_seeking=1 run of docs/gan.md: healthy through epoch 10, then worse than guessing
        DivergenceGuard guard = new DivergenceGuard();
        assertThat(guard.check(1.18, WINDOW, 1.18, 3.2)).isNull();
        assertThat(guard.check(0.88, WINDOW, 0.9, 2.7)).isNull();
        assertThat(guard.check(3.5, WINDOW, 2.2, 1.2)).as("bad, but not yet worse than guessing").isNull();
        assertThat(guard.check(6.3, WINDOW, 3.8, 0.9)).contains("worse than guessing");
    }

    @Test
    void worseThanGuessingIsNoDivergenceBeforeTheDiscriminatorLearnedOrOverAShortWindow() {
        DivergenceGuard start = new DivergenceGuard();
        assertThat(start.check(4.1, WINDOW, 4.1, 0.7)).as("at the start it guesses; nothing learned yet").isNull();
        assertThat(start.check(3.9, WINDOW, 4.0, 0.7)).isNull();

        DivergenceGuard smallSplit = new DivergenceGuard();
        assertThat(smallSplit.check(0.6, 4, 0.6, 3.0)).isNull();
        // a 550-image split reads its losses every 4 batches: too noisy to call, and it never counted as learned
        assertThat(smallSplit.check(4.5, 4, 4.5, 0.1)).isNull();
        assertThat(smallSplit.check(4.5, WINDOW, 4.5, 0.1)).isNull();

        DivergenceGuard epochEnd = new DivergenceGuard();
        assertThat(epochEnd.check(0.7, WINDOW, 0.7, 2.0)).isNull();
        assertThat(epochEnd.check(5.0, 29, 1.1, 2.0)).as("an epoch's last 29 batches: the next full window decides").isNull();
        assertThat(epochEnd.check(5.0, WINDOW, 5.0, 0.5)).isNotNull();
    }

    @Test
    void anEpochThatEndsAboveTheLearnedLevelIsNoHealthyEpochToGoBackTo() {
        // the default seed-42 run of docs/gan.md on the AVX2-only VM: learned early in epoch 1, 2.4 over its last 29
        // batches, worse than guessing by batch 300 of epoch 2: no epoch to go back to
        DivergenceGuard guard = new DivergenceGuard();
        assertThat(guard.epochEnded(1)).as("nothing learned yet: nothing to judge").isTrue();
        assertThat(guard.healthyEpoch()).isEqualTo(1);

        DivergenceGuard seed42 = new DivergenceGuard();
        assertThat(seed42.check(1.38, WINDOW, 1.38, 2.2)).isNull();
        assertThat(seed42.check(0.81, WINDOW, 0.9, 2.5)).isNull();
        assertThat(seed42.check(2.16, WINDOW, 1.13, 1.9)).isNull();
        assertThat(seed42.check(2.43, 29, 1.21, 1.7)).isNull();
        assertThat(seed42.epochEnded(1)).as("it ended on its way down").isFalse();
        assertThat(seed42.check(3.74, WINDOW, 3.2, 0.12)).contains("worse than guessing");
        assertThat(seed42.healthyEpoch()).isZero();

        DivergenceGuard later = new DivergenceGuard();
        later.check(0.7, WINDOW, 0.7, 2.0);
        later.check(0.8, 29, 0.7, 2.0);
        assertThat(later.epochEnded(1)).isTrue();
        later.check(0.9, WINDOW, 0.9, 2.0);
        later.check(2.05, 29, 0.95, 2.0);
        assertThat(later.epochEnded(2)).isFalse();
        assertThat(later.healthyEpoch()).as("the epoch before stays the one to go back to").isEqualTo(1);
    }
}
