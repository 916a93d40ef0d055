package dev.atelier.schemas.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.atelier.schemas.config.ConfigProblem;
import dev.atelier.schemas.config.RunConfig;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {

    private static final String GRID_AND_RANDOM = """
            {"name": "mix", "base": {"epochs": 3, "hidden": [128, 64]},
             "grid": {"architecture": ["fcn", "cnn"], "batch_size": [32, 64, 128]},
             "random": {"lr": {"dist": "loguniform", "min": 0.0001, "max": 0.01},
                        "optimizer": {"dist": "choice", "values": ["sgd", "adam"]},
                        "patience": {"dist": "uniform", "min": 1, "max": 5}},
             "trials": 2, "seed": 7}""";

    @Test
    void gridTimesTrialsRunsEachSampledInsideItsRange() {
        List<RunConfig> runs = SweepPlanner.plan(SweepParser.fromJson(new JsonObject(GRID_AND_RANDOM)), 1000);
        assertThat(runs).hasSize(2 * 3 * 2);
        assertThat(runs).extracting(r -> r.getString("architecture") + "/" + r.getInt("batch_size"))
                .containsExactly("fcn/32", "fcn/32", "fcn/64", "fcn/64", "fcn/128", "fcn/128",
                        "cnn/32", "cnn/32", "cnn/64", "cnn/64", "cnn/128", "cnn/128");
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.getDouble("lr")).isBetween(0.0001, 0.01);
            assertThat(r.getString("optimizer")).isIn("sgd", "adam");
            assertThat(r.getInt("patience")).isBetween(1, 5);
            assertThat(r.getIntList("hidden")).containsExactly(128, 64);
            assertThat(r.getInt("epochs")).isEqualTo(3);
        });
        assertThat(runs.stream().map(r -> r.getDouble("lr")).collect(Collectors.toSet())).hasSizeGreaterThan(6);
        assertThat(runs).extracting(r -> r.getInt("seed")).containsOnly(42, 43);
    }

    @Test
    void sameSeedSameRunsOtherSeedOtherSamples() {
        JsonObject json = new JsonObject(GRID_AND_RANDOM);
        List<RunConfig> a = SweepPlanner.plan(SweepParser.fromJson(json), 1000);
        List<RunConfig> b = SweepPlanner.plan(SweepParser.fromJson(json.copy()), 1000);
        List<RunConfig> c = SweepPlanner.plan(SweepParser.fromJson(json.copy().put("seed", 8)), 1000);
        assertThat(a).isEqualTo(b);
        assertThat(a.stream().map(r -> r.getDouble("lr")).toList()).isNotEqualTo(c.stream().map(r -> r.getDouble("lr")).toList());
    }

    @Test
    void textFormPlansTheSameRunsAsTheJsonForm() {
        SweepSpec text = SweepParser.fromText("architecture=fcn,cnn lr=0.001,0.003 epochs=5 hidden=256,128|512 "
                + "dropout=~uniform(0,0.5) name=t sweep_seed=3 max_parallel=2");
        SweepSpec json = SweepParser.fromJson(new JsonObject("""
                {"name": "t", "base": {"epochs": 5}, "grid": {"architecture": ["fcn", "cnn"], "lr": [0.001, 0.003],
                 "hidden": ["256,128", [512]]}, "random": {"dropout": {"dist": "uniform", "min": 0, "max": 0.5}},
                 "seed": 3, "max_parallel": 2}"""));
        assertThat(text.runCount()).isEqualTo(8);
        assertThat(text.maxParallel()).isEqualTo(2);
        assertThat(SweepPlanner.plan(text, 1000)).isEqualTo(SweepPlanner.plan(json, 1000));
        assertThat(SweepPlanner.plan(text, 1000).get(1).getIntList("hidden")).containsExactly(512);
    }

    @Test
    void storedJsonReadsBackToTheSameSpec() {
        SweepSpec spec = SweepParser.fromText("architecture=fcn,cnn lr=~loguniform(0.0001,0.01) trials=3");
        assertThat(SweepParser.fromJson(SweepParser.toJson(spec))).isEqualTo(spec);
    }

    @Test
    void oversizeSweepIsRefusedWithTheCount() {
        SweepSpec spec = SweepParser.fromText("lr=0.1,0.2,0.3,0.4,0.5 batch_size=1,2,3,4,5,6,7,8,9,10 epochs=1,2,3,4,5 trials=5");
        SweepException e = catchThrowableOfType(SweepException.class, () -> SweepPlanner.plan(spec, 1000));
        assertThat(e.code()).isEqualTo("SWEEP_TOO_LARGE");
        assertThat(e.getMessage()).contains("1250 runs (5 lr x 10 batch_size x 5 epochs x 5 trials)").contains("limit is 1000");
    }

    @Test
    void badValuesPointAtTheirExactPlace() {
        SweepException e = catchThrowableOfType(SweepException.class, () -> SweepPlanner.plan(SweepParser.fromJson(new JsonObject("""
                {"base": {"optimzer": "sgd"}, "grid": {"lr": [0.001, 50]},
                 "random": {"architecture": {"dist": "choice", "values": ["fcn", "rnn"]}}}""")), 1000));
        assertThat(e.code()).isEqualTo("INVALID_CONFIG");
        assertThat(e.details()).extracting(ConfigProblem::field).containsExactly("base.optimzer", "grid.lr[1]", "random.architecture.values");
        assertThat(e.details().get(0).problem()).contains("did you mean 'optimizer'");
        assertThat(e.details().get(1).allowed()).isEqualTo("number in [1.0E-7, 10]");
        assertThat(e.details().get(2).allowed()).isEqualTo("fcn|cnn");
    }

    @Test
    void malformedShapesAreListedTogether() {
        SweepException e = catchThrowableOfType(SweepException.class, () -> SweepParser.fromJson(new JsonObject("""
                {"grid": {"lr": 0.1}, "trials": 0, "random": {"dropout": {"dist": "normal"}}}""")));
        assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        assertThat(e.details()).extracting(ConfigProblem::field).containsExactlyInAnyOrder("grid.lr", "trials", "random.dropout.dist");
        SweepException unknown = catchThrowableOfType(SweepException.class, () -> SweepParser.fromJson(new JsonObject("{\"nmae\": 1}")));
        assertThat(unknown.code()).isEqualTo("UNKNOWN_FIELD");
        assertThat(unknown.getMessage()).contains("'nmae'");
        assertThat(Set.of(SweepParser.fromText("lr=0.1").runCount())).containsExactly(1L);
    }
}
