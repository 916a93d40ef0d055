package dev.atelier.worker.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link Conv2d} that never hands oneDNN a padded output-channel block on the CPU.
 *
 * <p>oneDNN 3.7.1 (in libtorch 2.7.1) lays channels out in blocks of 16. When a convolution's output channels are not
 * a multiple of 16, its backward-data pass (the gradient for the input) reads the block's padding, which is not
 * reliably zero. Measured on an AVX-512 CPU (3×3 convolutions, batch 128, 14×14): against this block with the same
 * weights, the plain convolution's input gradient was wrong in every pass for 32→4, 32→8, 32→10 and 16→20 channels
 * (errors of about half the largest gradient), and NaN or infinite in one pass in 40 to 100, with one thread or two;
 * with 32 output channels it was identical, and 16, 64 or 128 output channels never gave NaN. Through the dcgan
 * generator's last convolution (4 output channels) this corrupted every gradient below it, and a NaN pass turned every
 * generator weight into NaN.
 *
 * <p>This block has the parameters, initialisation and saved form of the {@code Conv2d} it is built from; its forward
 * pass appends zero filters up to the next multiple of 16, convolves, and keeps the first {@code filters} output
 * channels. oneDNN then computes no more than it did before (it computed the padded block anyway), and the padding it
 * reads is the zero filters and the zero gradients of the dropped channels.
 */
public final class BlockedConv2d extends Conv2d {
    /** oneDNN's channel block on AVX-512 (AVX2 uses 8, which a multiple of 16 also satisfies). */
    static final int CHANNEL_BLOCK = 16;

    private BlockedConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    /** The convolution {@code builder} describes, made safe as above (grouped convolutions and GPUs run unchanged). */
    public static Conv2d of(Conv2d.Builder builder) {
        return new BlockedConv2d(builder);
    }

    /** How many zero filters the forward pass appends: 0 when {@code filters} is a multiple of 16. */
    static int paddingFilters(int filters) {
        return (CHANNEL_BLOCK - filters % CHANNEL_BLOCK) % CHANNEL_BLOCK;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        Device device = input.getDevice();
        int extra = paddingFilters(filters);
        if (extra == 0 || groups != 1 || device.isGpu()) {
            return super.forwardInternal(store, inputs, training, params);
        }
        NDManager manager = input.getManager();
        NDArray w = store.getValue(weight, device, training);
        Shape ws = w.getShape();
        NDArray padded = w.concat(manager.zeros(new Shape(extra, ws.get(1), ws.get(2), ws.get(3)), w.getDataType(), device), 0);
        NDArray b = null;
        if (includeBias) {
            b = store.getValue(bias, device, training).concat(manager.zeros(new Shape(extra), w.getDataType(), device), 0);
        }
        NDArray out = Conv2d.conv2d(input, padded, b, stride, padding, dilation, groups).singletonOrThrow();
        return new NDList(out.get(":, 0:" + filters));
    }
}
