package dev.atelier.worker.training;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;

/** Builds the FCN and CNN blocks from a run configuration. */
final class Models {

    private Models() {
    }

    static boolean isCnn(RunConfig config) {
        return "cnn".equals(config.getString("architecture"));
    }

    /** The shape of one input batch of {@code batch} images for this architecture. */
    static Shape inputShape(RunConfig config, long batch) {
        return isCnn(config) ? new Shape(batch, 1, ImageSet.SIDE, ImageSet.SIDE) : new Shape(batch, ImageSet.PIXELS);
    }

    static Block build(RunConfig config) {
        return isCnn(config) ? cnn(config) : fcn(config);
    }

    /** Dense layers of the given widths, each [Linear, BN?, ReLU, Dropout?], then the 10-way classifier. */
    static Block fcn(RunConfig config) {
        SequentialBlock net = new SequentialBlock();
        boolean bn = config.getBool("batch_norm");
        float dropout = (float) config.getDouble("dropout");
        for (int width : config.getIntList("hidden")) {
            addDense(net, width, bn, dropout);
        }
        return net.add(Linear.builder().setUnits(ImageSet.CLASSES).build());
    }

    /**
     * Per entry of {@code channels}: {@code convs_per_block} × [3×3 conv, BN?, ReLU], then 2×2 max-pool; then flatten,
     * an optional dense layer of {@code fc_units}, and the classifier.
     */
    static Block cnn(RunConfig config) {
        SequentialBlock net = new SequentialBlock();
        boolean bn = config.getBool("batch_norm");
        int convs = config.getInt("convs_per_block");
        for (int width : config.getIntList("channels")) {
            for (int i = 0; i < convs; i++) {
                net.add(BlockedConv2d.of(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(width).optBias(!bn)));
                if (bn) {
                    net.add(BatchNorm.builder().build());
                }
                net.add(Activation.reluBlock());
            }
            net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        net.add(Blocks.batchFlattenBlock());
        float dropout = (float) config.getDouble("dropout");
        if (config.getInt("fc_units") > 0) {
            if (dropout > 0) {
                net.add(Dropout.builder().optRate(dropout / 2).build());
            }
            addDense(net, config.getInt("fc_units"), bn, dropout);
        } else if (dropout > 0) {
            net.add(Dropout.builder().optRate(dropout).build());
        }
        return net.add(Linear.builder().setUnits(ImageSet.CLASSES).build());
    }

    private static void addDense(SequentialBlock net, int width, boolean bn, float dropout) {
        net.add(Linear.builder().setUnits(width).optBias(!bn).build());
        if (bn) {
            net.add(BatchNorm.builder().build());
        }
        net.add(Activation.reluBlock());
        if (dropout > 0) {
            net.add(Dropout.builder().optRate(dropout).build());
        }
    }
}
