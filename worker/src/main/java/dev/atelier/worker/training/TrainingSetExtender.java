package dev.atelier.worker.training;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;

/**
 * Adds images to a run's training split before training (the cGAN augmentation). Validation and test
 * sets are never extended. The default adds nothing.
 */
@FunctionalInterface
public interface TrainingSetExtender {
    TrainingSetExtender NONE = (config, train, listener) -> train;

    /**
     * @param train the real training split (after {@code train_subset})
     * @param progress where to report long preparation work (e.g. "training generator, epoch 3/20"); may be ignored
     * @return the set to train on: {@code train} itself, or real + synthetic images
     */
    ImageSet extend(RunConfig config, ImageSet train, java.util.function.Consumer<String> progress);
}
