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
import dev.atelier.worker.training.BlockedConv2d;

/**
 * Generator and discriminator networks for both {@code gan_arch} values. Class conditioning is by
 * one-hot label: concatenated to z for the generator (dcgan: also at every batch norm, whose scale and shift are
 * per class, {@link ConditionalBatchNorm}, recipe {@code cgan-v9}); for the discriminator concatenated to the
 * flattened image (mlp) or, for dcgan, twice: broadcast to ten constant 28×28 planes stacked on the image channel
 * (computed as {@link LabelPlaneConv}, without convolving every image's planes) and, at the output, by projection
 * ({@link ProjectionDiscriminator}: the real/fake logit adds the inner product of the features with a learned
 * vector of the conditioning class).
 *
 * <p>Generator input: {@code NDList(z (B, latent), onehot (B, 10))}; output {@code (B, 1, 28, 28)} in [-1, 1].
 * Discriminator input: {@code NDList(image (B, 1, 28, 28), onehot (B, 10))}; output {@code (B, 11)}: column 0 the
 * real/fake logit, columns 1..10 auxiliary class logits (AC-GAN: the discriminator also learns to classify real
 * images, and the generator is rewarded when its images are classified as their conditioning class).
 */
final class GanNetworks {
    private static final float SLOPE = 0.2f;
    private static final int SIDE = ImageSet.SIDE;
    /** dcgan widths: G 7×7×64 → 14×14×32 → 3×3 conv 14×14×32 → 28×28×1 (class-conditional batch norm after each of the first three); D 28×28×(1+10) → 14×14×32 → 7×7×64 → 1. */
    static final int G_BASE = 64;
    static final int D_BASE = 32;
    /** Discriminator outputs per image: one real/fake logit, then ten class logits (auxiliary classifier). */
    static final int OUTPUTS = 1 + ImageSet.CLASSES;
    /** Kernel side of the discriminator's stride-2 convolutions. */
    static final int DOWNSAMPLE_KERNEL = 4;

    private GanNetworks() {
    }

    static Block generator(String arch) {
        if (arch.equals("mlp")) {
            return new SequentialBlock().add(new LambdaBlock(in -> new NDList(in.get(0).concat(in.get(1), 1)), "concat_label"))
                    .add(Linear.builder().setUnits(256).build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(512).build()).add(BatchNorm.builder().build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(1024).build()).add(BatchNorm.builder().build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(ImageSet.PIXELS).build()).add(Activation.tanhBlock())
                    .add(LambdaBlock.singleton(x -> x.reshape(-1, 1, SIDE, SIDE), "to_image"));
        }
        return new SequentialBlock()
                .add(new LambdaBlock(in -> new NDList(in.get(0).concat(in.get(1), 1), in.get(1)), "concat_label"))
                .add(new KeepLabel(Linear.builder().setUnits(G_BASE * 7 * 7).build())).add(new ConditionalBatchNorm(G_BASE * 7 * 7))
                .add(new KeepLabel(Activation.reluBlock()))
                .add(new KeepLabel(LambdaBlock.singleton(x -> x.reshape(-1, G_BASE, 7, 7), "to_7x7")))
                .add(new KeepLabel(upsample(G_BASE / 2))).add(new ConditionalBatchNorm(G_BASE / 2)).add(new KeepLabel(Activation.reluBlock()))
                .add(new KeepLabel(conv3x3(G_BASE / 2))).add(new ConditionalBatchNorm(G_BASE / 2)).add(new KeepLabel(Activation.reluBlock()))
                .add(new LambdaBlock(in -> new NDList(in.get(0)), "drop_label"))
                .add(upsample(1)).add(Activation.tanhBlock());
    }

    static Block discriminator(String arch) {
        if (arch.equals("mlp")) {
            return new SequentialBlock()
                    .add(new LambdaBlock(in -> new NDList(in.get(0).reshape(-1, ImageSet.PIXELS).concat(in.get(1), 1)), "concat_label"))
                    .add(Linear.builder().setUnits(512).build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(256).build()).add(Activation.leakyReluBlock(SLOPE))
                    .add(Linear.builder().setUnits(OUTPUTS).build());
        }
        return new ProjectionDiscriminator(new SequentialBlock()
                .add(new LabelPlaneConv(D_BASE)).add(Activation.leakyReluBlock(SLOPE))
                .add(downsample(2 * D_BASE, true)).add(BatchNorm.builder().build()).add(Activation.leakyReluBlock(SLOPE))
                .add(Blocks.batchFlattenBlock()));
    }

    /**
     * Learned 2× up-sampling, the stride-2 transposed convolution written as a sub-pixel convolution
     * (DJL's PyTorch engine has no deconvolution operator): a 3×3 convolution to {@code 4·filters}
     * channels at the input resolution, then depth-to-space. (Measured alternative, not kept: nearest-
     * neighbour resize + 3×3 convolution, same multiply-adds; its generator collapsed within 2 epochs.)
     */
    private static Block upsample(int filters) {
        return new SequentialBlock()
                .add(conv3x3(4 * filters))
                .add(LambdaBlock.singleton(GanNetworks::depthToSpace, "depth_to_space"));
    }

    /** 3×3 convolution, stride 1, padded: keeps height and width. */
    private static Block conv3x3(int filters) {
        return BlockedConv2d.of(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(filters));
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
    static Block downsample(int filters, boolean bias) {
        return BlockedConv2d.of(Conv2d.builder().setKernelShape(new Shape(DOWNSAMPLE_KERNEL, DOWNSAMPLE_KERNEL)).optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1)).setFilters(filters).optBias(bias));
    }
}
