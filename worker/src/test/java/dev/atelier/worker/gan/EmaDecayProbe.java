package dev.atelier.worker.gan;

import ai.djl.nn.Parameter;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.DataSplit;
import dev.atelier.worker.data.FashionMnist;
import dev.atelier.worker.data.ImageSet;
import dev.atelier.worker.training.ParamOptimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Manual probe (not a test): which {@code gan_ema} decay gives the best generator, from one training run. It trains the
 * dcgan defaults for a seed exactly as {@code ./atelier gan} does (so the {@code gan_ema=0.999} generator and its report
 * are the command's), keeps further moving averages of the generator's weights beside it, and scores each with the
 * quality report's evaluation. The extra averages start one iteration later than the built-in one (they are created
 * after the first update) and re-estimate batch norm from the built-in generator's statistics; both differences fade
 * within a few hundred of the ~8,600 updates.
 *
 * <pre>ATELIER_CACHE_DIR=... java -cp worker/target/test-classes:worker/target/classes:cli/target/lib/* dev.atelier.worker.gan.EmaDecayProbe OUT_DIR SEED DECAY...</pre>
 */
final class EmaDecayProbe {
    private EmaDecayProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int seed = Integer.parseInt(args[1]);
        List<Double> decays = Arrays.stream(args, 2, args.length).map(Double::valueOf).toList();
        Files.createDirectories(out);
        RunConfig config = RunConfig.resolve(Map.of("gan_arch", "dcgan", "seed", String.valueOf(seed)));
        GanPipeline.Settings settings = GanPipeline.Settings.standard(seed);
        FashionMnist data = FashionMnist.load(config.getString("data_dir"), true);
        ImageSet train = DataSplit.of(data.train(), DataSplit.VALIDATION_SIZE, config.getInt("train_subset"), seed).train();
        ImageSet referenceTrain = DataSplit.of(data.train(), DataSplit.VALIDATION_SIZE, settings.referenceSubset(), GanPipeline.REFERENCE_SEED).train();
        Map<Double, WeightAverage> extra = new LinkedHashMap<>();
        GanTrainer.Result result = GanTrainer.train(GanOptions.from(config), train, System.out::println, gan -> {
            if (extra.size() < decays.size()) {
                List<Parameter> weights = ParamOptimizer.trainableParameters(gan.generator().block());
                decays.forEach(d -> extra.put(d, new WeightAverage(weights, d)));
            }
            extra.values().forEach(WeightAverage::update);
        });
        System.out.printf("trained in %.0f s%n", result.stats().seconds());
        try (Generator generator = result.generator();
             ReferenceClassifier reference = ReferenceClassifier.obtain(DirectoryBlobStore.defaultLocation(), referenceTrain,
                     settings.referenceEpochs(), GanPipeline.REFERENCE_SEED, System.out::println)) {
            score(generator, reference, data.test(), settings.evaluation(), seed, config.getDouble("gan_ema"), out);
            for (Map.Entry<Double, WeightAverage> e : extra.entrySet()) {
                e.getValue().copyIntoWeights();
                generator.recalibrateBatchNorm(seed);
                score(generator, reference, data.test(), settings.evaluation(), seed, e.getKey(), out);
                e.getValue().close();
            }
        }
    }

    private static void score(Generator generator, ReferenceClassifier reference, ImageSet test, GanEvaluator.Settings evaluation,
                              int seed, double decay, Path out) throws Exception {
        Files.write(out.resolve("generator-" + seed + "-" + decay + ".bin"), generator.toBytes());
        QualityReport q = GanEvaluator.evaluate(generator, reference, test, evaluation, m -> { });
        System.out.printf("RESULT seed=%d ema=%s gan_test=%.4f gan_train=%.4f gan_train_std=%.4f runs=%s fid=%.3f%n", seed, decay,
                q.ganTest(), q.ganTrain(), q.ganTrainStd(), q.ganTrainRuns(), q.fid());
    }
}
