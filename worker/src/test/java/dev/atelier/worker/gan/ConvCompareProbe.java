package dev.atelier.worker.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.atelier.worker.training.BlockedConv2d;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;

/** Manual probe: input gradients of a plain Conv2d vs BlockedConv2d with the same weights. args: cin cout side batch reps */
final class ConvCompareProbe {
    public static void main(String[] args) throws Exception {
        int cin = Integer.parseInt(args[0]), cout = Integer.parseInt(args[1]), side = Integer.parseInt(args[2]);
        int b = Integer.parseInt(args[3]), reps = Integer.parseInt(args[4]);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(b, cin, side, side);
            Conv2d.Builder cb = Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(cout);
            Block blocked = BlockedConv2d.of(cb);
            blocked.initialize(m, DataType.FLOAT32, in);
            Block plain = cb.build();
            plain.initialize(m, DataType.FLOAT32, in);
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            blocked.saveParameters(new DataOutputStream(saved));
            plain.loadParameters(m, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
            ParameterStore store = new ParameterStore(m, false);
            int wrong = 0, nonFinite = 0;
            for (int r = 0; r < reps; r++) {
                try (NDManager s = m.newSubManager()) {
                    NDArray x0 = s.randomNormal(in);
                    NDArray up = s.randomNormal(new Shape(b, cout, side, side));
                    NDArray[] g = new NDArray[2];
                    Block[] blocks = {plain, blocked};
                    for (int t = 0; t < 2; t++) {
                        NDArray x = x0.duplicate();
                        x.setRequiresGradient(true);
                        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                            c.backward(blocks[t].forward(store, new NDList(x), true).singletonOrThrow().mul(up).sum());
                        }
                        g[t] = x.getGradient().duplicate();
                    }
                    float scale = g[1].abs().max().getFloat();
                    float diff = g[0].sub(g[1]).abs().max().getFloat();
                    if (!Float.isFinite(diff)) {
                        nonFinite++;
                    } else if (diff > 1e-4f * scale) {
                        wrong++;
                    }
                    if (r < 5 || !(diff <= 1e-4f * scale)) {
                        System.out.printf("rep %d: max |plain - blocked| = %g (max |grad| %g)%n", r, diff, scale);
                    }
                }
            }
            System.out.printf("of %d passes: %d non-finite, %d finite but wrong (> 1e-4 relative)%n", reps, nonFinite, wrong);
        }
    }
}
