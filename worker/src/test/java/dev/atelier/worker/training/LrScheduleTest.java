package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.atelier.schemas.config.RunConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private static LrSchedule schedule(Map<String, Object> options) {
        return LrSchedule.of(RunConfig.resolve(options), 100);
    }

    @Test
    void cosineWithWarmupRampsUpThenDecaysToZero() {
        LrSchedule s = schedule(Map.of("schedule", "cosine", "lr", "0.1", "epochs", "10", "warmup_epochs", "1"));
        assertThat(s.at(0)).isCloseTo(0.001, within(1e-9));
        assertThat(s.at(49)).isCloseTo(0.05, within(1e-9));
        assertThat(s.at(100)).isCloseTo(0.1, within(1e-9));
        assertThat(s.at(550)).isCloseTo(0.05, within(1e-3));
        assertThat(s.at(999)).isLessThan(1e-5);
    }

    @Test
    void stepDecaysByGammaEveryStepSizeEpochs() {
        LrSchedule s = schedule(Map.of("schedule", "step", "lr", "0.1", "epochs", "10", "step_size", "3", "gamma", "0.5"));
        assertThat(s.at(299)).isEqualTo(0.1);
        assertThat(s.at(300)).isCloseTo(0.05, within(1e-12));
        assertThat(s.at(600)).isCloseTo(0.025, within(1e-12));
    }

    @Test
    void onecycleStartsLowPeaksAtThirtyPercentAndEndsLow() {
        LrSchedule s = schedule(Map.of("schedule", "onecycle", "lr", "0.1", "epochs", "10"));
        assertThat(s.at(0)).isLessThan(0.005);
        assertThat(s.at(299)).isCloseTo(0.1, within(1e-9));
        assertThat(s.at(999)).isLessThan(1e-4);
        assertThat(schedule(Map.of("schedule", "none", "lr", "0.1")).at(777)).isEqualTo(0.1);
    }
}
