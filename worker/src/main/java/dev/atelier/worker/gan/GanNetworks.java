package dev.atelier.worker.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.atelier.worker.data.ImageSet;

/**
 * Generator and discriminator networks for both {@code gan_arch} values. Class conditioning is by
 * one-hot label: concatenated to z for the generator; for the discriminator concatenated to the
 * flattened image (mlp) or by projection onto the image features (dcgan, {@link ProjectionDiscriminator}).
 * Neither discriminator has batch norm, so real and generated images can go through it as one batch.
 *
 * <p>Generator input: {@code NDList(z (B, latent), onehot (B, 10))}; output {@code (B, 1, 28, 28)} in [-1, 1].
 * Discriminator input: {@code NDList(image (B, 1, 28, 28), onehot (B, 10))}; output logits {@code (B, 1)}.
 */
final class GanNetworks {
    private static final float SLOPE = 0.2f;
    private static final int SIDE = ImageSet.SIDE;
    /** dcgan widths: generator 7×7×64 → 14×14×32 → 28×28×1; discriminator 28×28×1 → 14×14×32 → 7×7×64 → projection. */
    static final int G_BASE = 64;
    static final int D_BASE = 32;

    private GanNetworks() {
    }

    static Block generator(String arch) {
        SequentialBlock g = new SequentialBlock().add(new LambdaBlock(in -> new NDList(in.get(0).concat(in.get(1), 1)), "concat_label"));
        if (arch.equals("mlp")) {
            return g.add(Linear.builder().setUnits(256).build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(512).build()).add(BatchNorm.builder().build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(1024).build()).add(BatchNorm.builder().build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(ImageSet.PIXELS).build()).add(Activation.tanhBlock())
                    .add(LambdaBlock.singleton(x -> x.reshape(-1, 1, SIDE, SIDE), "to_image"));
        }
        return g.add(Linear.builder().setUnits(G_BASE * 7 * 7).build()).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(LambdaBlock.singleton(x -> x.reshape(-1, G_BASE, 7, 7), "to_7x7"))
                .add(upsample(G_BASE / 2)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(upsample(1)).add(Activation.tanhBlock());
    }

    static Block discriminator(String arch) {
        if (arch.equals("mlp")) {
            return new SequentialBlock()
                    .add(new LambdaBlock(in -> new NDList(in.get(0).reshape(-1, ImageSet.PIXELS).concat(in.get(1), 1)), "concat_label"))
                    .add(Linear.builder().setUnits(512).build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(256).build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(1).build());
        }
        Block body = new SequentialBlock()
                .add(downsample(D_BASE)).add(Activation.leakyReluBlock(SLOPE))
                .add(downsample(2 * D_BASE)).add(Activation.leakyReluBlock(SLOPE))
                .add(Blocks.batchFlattenBlock());
        return new ProjectionDiscriminator(body, 2 * D_BASE * 7 * 7);
    }

    /**
     * Learned 2× up-sampling, the stride-2 transposed convolution written as a sub-pixel convolution
     * (DJL's PyTorch engine has no deconvolution operator): a 3×3 convolution to {@code 4·filters}
     * channels at the input resolution, then depth-to-space. Each output pixel sees the same 2×2
     * input neighbourhood (plus one ring) as in a 4×4/stride-2 transposed convolution, at the same cost order.
     */
    private static Block upsample(int filters) {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(4 * filters).build())
                .add(LambdaBlock.singleton(GanNetworks::depthToSpace, "depth_to_space"));
    }

    /** (B, 4C, H, W) → (B, C, 2H, 2W): channel group (dy, dx) fills output pixel (2y + dy, 2x + dx). */
    static NDArray depthToSpace(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1) / 4;
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, c, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, c, 2 * h, 2 * w);
    }

    /** 4×4 convolution, stride 2: halves height and width. */
    private static Block downsample(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(4, 4)).optStride(new Shape(2, 2)).optPadding(new Shape(1, 1))
                .setFilters(filters).build();
    }
}
