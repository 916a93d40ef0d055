package dev.atelier.worker.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.atelier.schemas.config.RunConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParamOptimizerTest {
    private static final Shape[] SHAPES = {new Shape(3), new Shape(37, 5), new Shape(4, 3, 3, 3), new Shape(5000)};

    @Test
    void eachStepUsesOnlyItsOwnBatchGradient() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<Parameter> params = parameters(manager, 1);
            try (ParamOptimizer optimizer = new ParamOptimizer(
                    RunConfig.resolve(Map.of("optimizer", "sgd", "momentum", "0", "weight_decay", "0")), params)) {
                assertThat(optimizer.onHost()).isTrue();
                float expected = params.get(0).getArray().getFloat(0);
                for (int i = 0; i < 3; i++) {
                    backward(params, manager, 2f);
                    optimizer.step(0.1);
                    expected -= 0.1f * 2f * (1 + expected); // this step's gradient only, none left from the last
                }
                assertThat(params.get(0).getArray().getFloat(0)).isCloseTo(expected, within(1e-5f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adamw", "adam", "sgd", "sgd-nesterov", "sgd-plain"})
    void hostKernelsMatchDjlsNativeKernels(String which) {
        Map<String, String> options = switch (which) {
            case "sgd-nesterov" -> Map.of("optimizer", "sgd", "nesterov", "true", "weight_decay", "0.01");
            case "sgd-plain" -> Map.of("optimizer", "sgd", "momentum", "0", "weight_decay", "0.01");
            default -> Map.of("optimizer", which, "weight_decay", "0.01");
        };
        RunConfig config = RunConfig.resolve(options);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<Parameter> host = parameters(manager, 7);
            List<Parameter> reference = parameters(manager, 7);
            try (ParamOptimizer a = new ParamOptimizer(config, host, true);
                 ParamOptimizer b = new ParamOptimizer(config, reference, false)) {
                assertThat(a.onHost()).isTrue();
                assertThat(b.onHost()).isFalse();
                for (int step = 0; step < 6; step++) {
                    float scale = (step % 3) - 0.7f;
                    backward(host, manager, scale);
                    backward(reference, manager, scale);
                    a.step(0.01 * (step + 1));
                    b.step(0.01 * (step + 1));
                }
            }
            for (int i = 0; i < host.size(); i++) {
                float[] got = host.get(i).getArray().toFloatArray();
                float[] want = reference.get(i).getArray().toFloatArray();
                for (int k = 0; k < got.length; k++) {
                    assertThat(got[k]).as("%s parameter %d element %d", which, i, k).isCloseTo(want[k], within(2e-5f));
                }
            }
        }
    }

    @Test
    void aLoadedStateContinuesExactlyOnTheHostPath() throws IOException {
        RunConfig config = RunConfig.resolve(Map.of("optimizer", "adamw"));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<Parameter> straight = parameters(manager, 3);
            List<Parameter> resumed = parameters(manager, 3);
            byte[] state;
            try (ParamOptimizer a = new ParamOptimizer(config, straight); ParamOptimizer b = new ParamOptimizer(config, resumed)) {
                for (int step = 0; step < 3; step++) {
                    backward(straight, manager, step - 1f);
                    a.step(0.01);
                    backward(resumed, manager, step - 1f);
                    b.step(0.01);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                b.save(new DataOutputStream(bytes));
                state = bytes.toByteArray();
                backward(straight, manager, 0.5f);
                a.step(0.01);
            }
            try (ParamOptimizer c = new ParamOptimizer(config, resumed)) {
                c.load(new DataInputStream(new ByteArrayInputStream(state)), manager);
                backward(resumed, manager, 0.5f);
                c.step(0.01);
            }
            for (int i = 0; i < straight.size(); i++) {
                assertThat(resumed.get(i).getArray().toFloatArray()).containsExactly(straight.get(i).getArray().toFloatArray());
            }
        }
    }

    /** Parameters of several shapes with the same values for the same seed. */
    private static List<Parameter> parameters(NDManager manager, int seed) {
        List<Parameter> params = new ArrayList<>();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < SHAPES.length; i++) {
            float[] values = new float[(int) SHAPES[i].size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = (float) random.nextGaussian();
            }
            Parameter p = Parameter.builder().setName("p" + i).setType(Parameter.Type.WEIGHT).build();
            p.setArray(manager.create(values, SHAPES[i]));
            p.getArray().setRequiresGradient(true);
            params.add(p);
        }
        return params;
    }

    /** loss = Σ scale·(w + w²/2) over every parameter: gradient scale·(1 + w), different per element and per step. */
    private static void backward(List<Parameter> params, NDManager manager, float scale) {
        try (GradientCollector collector = ExclusiveGradientCollector.open(Engine.getEngine("PyTorch"))) {
            NDArray loss = manager.zeros(new Shape());
            for (Parameter p : params) {
                NDArray w = p.getArray();
                loss = loss.add(w.add(w.square().mul(0.5f)).sum().mul(scale));
            }
            collector.backward(loss);
        }
    }
}
