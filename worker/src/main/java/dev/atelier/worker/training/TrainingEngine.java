package dev.atelier.worker.training;

import dev.atelier.schemas.config.RunConfig;
import java.util.Optional;

/** Trains one run. Blocking and CPU/GPU heavy: call it off any event loop. */
public interface TrainingEngine {

    /**
     * @param resumeFrom a checkpoint from an earlier attempt; epochs up to its epoch are not trained or reported again
     * @throws TrainingCancelledException when {@code cancel} turns true (checked between batches)
     * @throws DivergedException when the loss becomes NaN or infinite
     */
    TrainResult train(RunConfig config, TrainingListener listener, CancellationToken cancel, Optional<Checkpoint> resumeFrom);
}
