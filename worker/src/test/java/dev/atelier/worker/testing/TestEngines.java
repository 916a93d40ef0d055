package dev.atelier.worker.testing;

import dev.atelier.worker.training.DjlTrainingEngine;
import dev.atelier.worker.training.TrainingEngine;

/** The engine a test asks for by name: {@code real} (DJL) or a fake with the given batch duration in ms. */
public final class TestEngines {
    private TestEngines() {
    }

    public static TrainingEngine create(String spec) {
        if (spec.equals("real")) {
            return new DjlTrainingEngine();
        }
        return new FakeTrainingEngine(Long.parseLong(spec));
    }
}
