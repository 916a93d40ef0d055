package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/** Manual probe: forward+backward time of the discriminator's first convolution (1→32, 4×4, stride 2) written three ways. */
final class FirstLayerProbe {
    public static void main(String[] args) {
        int reps = Integer.parseInt(args[0]);
        boolean inputGrad = args.length > 1 && args[1].equals("inputgrad");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(128, 1, 28, 28));
            NDArray w = m.randomNormal(new Shape(32, 1, 4, 4));
            NDArray bias = m.zeros(new Shape(32));
            w.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            if (inputGrad) {
                x.setRequiresGradient(true);
            }
            Function<NDArray, NDArray> plain = in -> Conv2d.conv2d(in, w, bias, new Shape(2, 2), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            Function<NDArray, NDArray> patches = in -> {
                NDArray p = in.pad(new Shape(1, 1, 1, 1), 0f);
                NDList slices = new NDList();
                for (int ky = 0; ky < 4; ky++) {
                    for (int kx = 0; kx < 4; kx++) {
                        slices.add(p.get(":, :, " + ky + ":" + (ky + 27) + ":2, " + kx + ":" + (kx + 27) + ":2"));
                    }
                }
                NDArray cols = NDArrays.concat(slices, 1);
                return Conv2d.conv2d(cols, w.reshape(32, 16, 1, 1), bias, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
            };
            Function<NDArray, NDArray> s2d = in -> {
                NDArray p = in.pad(new Shape(1, 1, 1, 1), 0f); // (B,1,30,30)
                NDArray d = p.reshape(128, 1, 15, 2, 15, 2).transpose(0, 1, 3, 5, 2, 4).reshape(128, 4, 15, 15);
                NDArray w2 = w.reshape(32, 1, 2, 2, 2, 2).transpose(0, 1, 3, 5, 2, 4).reshape(32, 4, 2, 2);
                return Conv2d.conv2d(d, w2, bias, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
            };
            NDArray ref = plain.apply(x);
            System.out.printf("max |patches - plain| = %.2e, |s2d - plain| = %.2e%n", patches.apply(x).sub(ref).abs().max().getFloat(),
                    s2d.apply(x).sub(ref).abs().max().getFloat());
            for (int round = 0; round < 3; round++) {
                time("plain", plain, x, reps, m);
                time("patches", patches, x, reps, m);
                time("s2d", s2d, x, reps, m);
            }
        }
    }

    private static void time(String name, Function<NDArray, NDArray> f, NDArray x, int reps, NDManager m) {
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            try (NDManager sub = m.newSubManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x);
                sub.tempAttachAll(y);
                c.backward(y.sum());
            }
        }
        System.out.printf("%-8s %.3f ms per forward+backward%n", name, (System.nanoTime() - start) / 1e6 / reps);
    }
}
