package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import dev.atelier.worker.data.ImageSet;

/**
 * Class-conditional batch norm (de Vries et al. 2017; the generator of Miyato &amp; Koyama's projection cGAN): the
 * features are normalised without a learned affine map, then scaled by 1 + γ_y and shifted by β_y, a learned
 * per-class pair. γ and β start at zero, so an untrained layer is a plain batch norm.
 *
 * <p>Input {@code NDList(x (B, C) or (B, C, H, W), onehot (B, 10))}; output {@code NDList(y, onehot)}, so these
 * layers chain.
 */
final class ConditionalBatchNorm extends AbstractBlock {
    private final int channels;
    private final Block norm;
    private final Parameter gamma;
    private final Parameter beta;

    ConditionalBatchNorm(int channels) {
        this.channels = channels;
        norm = addChildBlock("norm", BatchNorm.builder().optCenter(false).optScale(false).build());
        gamma = addParameter(Parameter.builder().setName("class_gamma").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(ImageSet.CLASSES, channels)).optInitializer(Initializer.ZEROS).build());
        beta = addParameter(Parameter.builder().setName("class_beta").setType(Parameter.Type.BIAS)
                .optShape(new Shape(ImageSet.CLASSES, channels)).optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray onehot = inputs.get(1);
        NDArray normed = norm.forward(store, new NDList(x), training).singletonOrThrow();
        NDArray g = onehot.matMul(store.getValue(gamma, x.getDevice(), training));
        NDArray b = onehot.matMul(store.getValue(beta, x.getDevice(), training));
        if (x.getShape().dimension() == 4) {
            g = g.reshape(-1, channels, 1, 1);
            b = b.reshape(-1, channels, 1, 1);
        }
        return new NDList(normed.mul(g.add(1f)).add(b), onehot);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], inputShapes[1]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
    }
}
