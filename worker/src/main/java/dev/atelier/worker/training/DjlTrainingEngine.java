package dev.atelier.worker.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.DataSplit;
import dev.atelier.worker.data.FashionMnist;
import dev.atelier.worker.data.ImageSet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training engine: DJL with PyTorch, a hand-written {@link GradientCollector} loop over data pre-loaded onto the
 * device. Per step it only gathers the batch from the epoch's permutation, runs forward/backward and updates parameters with fused kernels; loss
 * and accuracy are accumulated on the device and read back every {@value #REPORT_EVERY} batches.
 */
public final class DjlTrainingEngine implements TrainingEngine {
    static final int REPORT_EVERY = 25;
    private static final Logger LOG = LoggerFactory.getLogger(DjlTrainingEngine.class);

    private final TrainingSetExtender extender;

    public DjlTrainingEngine() {
        this(TrainingSetExtender.NONE);
    }

    public DjlTrainingEngine(TrainingSetExtender extender) {
        this.extender = extender;
    }

    /** The device {@code device=auto|cpu|gpu} selects. */
    public static Device selectDevice(String option) {
        if ("cpu".equals(option)) {
            return Device.cpu();
        }
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        return switch (option) {
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("device=gpu, but DJL sees no GPU on this machine; use device=cpu or device=auto");
                }
                yield Device.gpu();
            }
            default -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }

    @Override
    public TrainResult train(RunConfig config, TrainingListener listener, CancellationToken cancel, Optional<Checkpoint> resumeFrom) {
        long started = System.nanoTime();
        Device device = selectDevice(config.getString("device"));
        setThreads(config.getInt("threads"));
        int seed = config.getInt("seed");
        FashionMnist data = FashionMnist.load(config.getString("data_dir"), true);
        DataSplit split = DataSplit.of(data.train(), DataSplit.VALIDATION_SIZE, config.getInt("train_subset"), seed);
        ImageSet trainImages = split.train();
        if ("cgan".equals(config.getString("augment"))) {
            trainImages = extender.extend(config, trainImages, message -> LOG.info("augment=cgan: {}", message));
        }
        TrainingState state = resumeFrom.map(c -> TrainingState.decode(c.data(), config.getString("architecture")))
                .orElseGet(() -> new TrainingState(config.getString("architecture")));
        try (NDManager manager = NDManager.newBaseManager(device, "PyTorch")) {
            manager.getEngine().setRandomSeed(seed);
            var sampleShape = Models.inputShape(config, 1);
            try (TensorSet train = TensorSet.of(manager, trainImages, sampleShape);
                 TensorSet val = TensorSet.of(manager, split.validation(), sampleShape);
                 TensorSet test = TensorSet.of(manager, data.test(), sampleShape)) {
                Block block = Models.build(config);
                block.initialize(manager, DataType.FLOAT32, Models.inputShape(config, 2));
                attachGradients(block);
                if (state.params != null) {
                    loadParams(block, manager, state.params, true);
                }
                double secondsBefore = state.secondsSoFar;
                Run run = new Run(config, block, manager, train, val, state, listener, cancel);
                try (BestParams best = new BestParams()) {
                    run.trainEpochs(best);
                    if (best.restoreInto(block)) {
                        state.bestParams = saveParams(block);
                    } else {
                        loadParams(block, manager, state.bestParams, false);
                    }
                }
                Evaluation result = Evaluation.of(block, new ParameterStore(manager, false), test, true);
                double total = secondsBefore + (System.nanoTime() - started) / 1e9;
                LOG.debug("test_acc={} test_loss={} best_epoch={} device={}", result.accuracy(), result.loss(), state.bestEpoch, device);
                return new TrainResult(result.loss(), result.accuracy(), result.perClassAccuracy(), result.confusion(), state.bestEpoch,
                        state.bestValAcc, List.copyOf(state.history), total, device.isGpu() ? "gpu" + device.getDeviceId() : "cpu", state.bestParams);
            }
        }
    }

    /** One attempt at a run: the epoch loop with its optimizer and schedule. */
    private static final class Run {
        private final RunConfig config;
        private final Block block;
        private final NDManager manager;
        private final TensorSet train;
        private final TensorSet val;
        private final TrainingState state;
        private final TrainingListener listener;
        private final CancellationToken cancel;
        private final ParameterStore store;
        private final int batchSize;
        private final int stepsPerEpoch;
        private final LrSchedule schedule;
        private final Augmenter augmenter;
        private final double smoothing;

        Run(RunConfig config, Block block, NDManager manager, TensorSet train, TensorSet val, TrainingState state,
            TrainingListener listener, CancellationToken cancel) {
            this.config = config;
            this.block = block;
            this.manager = manager;
            this.train = train;
            this.val = val;
            this.state = state;
            this.listener = listener;
            this.cancel = cancel;
            this.store = new ParameterStore(manager, false);
            this.batchSize = Math.min(config.getInt("batch_size"), train.size());
            int full = (train.size() + batchSize - 1) / batchSize;
            int maxBatches = config.getInt("max_batches");
            this.stepsPerEpoch = maxBatches > 0 ? Math.min(maxBatches, full) : full;
            this.schedule = LrSchedule.of(config, stepsPerEpoch);
            this.augmenter = new Augmenter(config, TensorSet.BACKGROUND);
            this.smoothing = config.getDouble("label_smoothing");
        }

        void trainEpochs(BestParams best) {
            try (ParamOptimizer optimizer = new ParamOptimizer(config, ParamOptimizer.trainableParameters(block))) {
                if (state.optimizer != null) {
                    readOptimizer(optimizer);
                }
                int epochs = config.getInt("epochs");
                int patience = config.getInt("patience");
                for (int epoch = state.epoch + 1; epoch <= epochs; epoch++) {
                    if (patience > 0 && state.epochsWithoutImprovement >= patience) {
                        LOG.info("early stopping after epoch {}: no val_acc improvement for {} epochs", state.epoch, patience);
                        break;
                    }
                    EpochMetrics metrics = epoch(epoch, optimizer);
                    state.history.add(metrics);
                    state.epoch = epoch;
                    state.secondsSoFar += metrics.epochSeconds();
                    boolean improved = metrics.valAcc() > state.bestValAcc;
                    if (improved) {
                        state.bestValAcc = metrics.valAcc();
                        state.bestEpoch = epoch;
                        state.epochsWithoutImprovement = 0;
                    } else {
                        state.epochsWithoutImprovement++;
                    }
                    listener.onEpoch(metrics);
                    if (listener.wantsCheckpoints()) {
                        // a checkpoint serialises the parameters anyway; the best ones are then these same bytes
                        state.params = saveParams(block);
                        if (improved) {
                            state.bestParams = state.params;
                            best.clear();
                        }
                        state.optimizer = writeOptimizer(optimizer);
                        listener.onCheckpoint(new Checkpoint(epoch, state.encode()));
                    } else if (improved) {
                        best.capture(block);
                    }
                }
            }
        }

        private EpochMetrics epoch(int epoch, ParamOptimizer optimizer) {
            long t0 = System.nanoTime();
            int epochSeed = Long.hashCode(config.getInt("seed") * 1_000_003L + epoch);
            manager.getEngine().setRandomSeed(epochSeed);
            Random random = new Random(epochSeed);
            int used = Math.min(train.size(), stepsPerEpoch * batchSize);
            long[] order = permutation(train.size(), used, random);
            long globalStep = (long) (epoch - 1) * stepsPerEpoch;
            double lr = schedule.at(globalStep);
            long seen = 0;
            try (NDArray index = manager.create(order);
                 NDArray lossSum = manager.zeros(new ai.djl.ndarray.types.Shape(), DataType.FLOAT32);
                 NDArray correct = manager.zeros(new ai.djl.ndarray.types.Shape(), DataType.INT64)) {
                for (int b = 0; b < stepsPerEpoch; b++) {
                    if (cancel.isCancelled()) {
                        throw new TrainingCancelledException(epoch - 1);
                    }
                    int start = b * batchSize;
                    int end = Math.min(used, start + batchSize);
                    if (end - start < 2 && b > 0) {
                        break; // a last batch of one image cannot be batch-normalised
                    }
                    lr = schedule.at(globalStep + b);
                    step(index, start, end, random, lossSum, correct);
                    optimizer.step(lr);
                    seen += end - start;
                    if ((b + 1) % REPORT_EVERY == 0 || b + 1 == stepsPerEpoch) {
                        double running = lossSum.getFloat() / seen;
                        requireFinite(epoch, running, b + 1);
                        listener.onBatch(epoch, b + 1, stepsPerEpoch, running, seen / ((System.nanoTime() - t0) / 1e9));
                    }
                }
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                double trainLoss = lossSum.getFloat() / seen;
                requireFinite(epoch, trainLoss, stepsPerEpoch);
                double trainAcc = (double) correct.getLong() / seen;
                Evaluation v = Evaluation.of(block, store, val, false);
                double seconds = (System.nanoTime() - t0) / 1e9;
                return new EpochMetrics(epoch, trainLoss, trainAcc, v.loss(), v.accuracy(), lr, seconds, seen / trainSeconds);
            }
        }

        /**
         * One optimisation step on the images at {@code order[start, end)}. The batch is gathered here rather than
         * the whole training set being permuted once per epoch: the same bytes are copied, but into a batch-sized
         * buffer that stays in cache, and without a second full-size copy of the training set per epoch.
         */
        private void step(NDArray order, int start, int end, Random random, NDArray lossSum, NDArray correct) {
            try (NDScope ignored = new NDScope()) {
                NDArray batch = order.get(new NDIndex().addSliceDim(start, end));
                NDArray x = train.x().get(batch);
                NDArray y = train.y().get(batch);
                if (augmenter.enabled()) {
                    x = augmenter.apply(x, random);
                }
                NDArray logits;
                NDArray loss;
                try (GradientCollector collector = ExclusiveGradientCollector.open(manager.getEngine())) {
                    logits = block.forward(store, new NDList(x), true).singletonOrThrow();
                    loss = train.targets() == null ? Losses.crossEntropy(logits, y, smoothing)
                            : Losses.softCrossEntropy(logits, train.targets().get(batch), smoothing);
                    collector.backward(loss);
                }
                lossSum.addi(loss.mul(end - start));
                correct.addi(logits.argMax(1).eq(y).sum());
            }
        }

        private static void requireFinite(int epoch, double loss, int batch) {
            if (!Double.isFinite(loss)) {
                throw new DivergedException(epoch, "train loss is " + loss + " after batch " + batch
                        + "; try a lower lr, a warm-up (warmup_epochs=1) or batch_norm=true");
            }
        }

        private byte[] writeOptimizer(ParamOptimizer optimizer) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                optimizer.save(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }

        private void readOptimizer(ParamOptimizer optimizer) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state.optimizer))) {
                optimizer.load(in, manager);
            } catch (IOException e) {
                throw new IllegalArgumentException("checkpoint optimizer state is corrupt: " + e.getMessage(), e);
            }
        }
    }

    /** PyTorch's intra-op thread count is process-wide; set it only when it differs. */
    private static synchronized void setThreads(int option) {
        int wanted = option > 0 ? option : Runtime.getRuntime().availableProcessors();
        Engine.getEngine("PyTorch");
        if (ai.djl.pytorch.jni.JniUtils.getNumThreads() != wanted) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(wanted);
            LOG.debug("PyTorch intra-op threads: {}", wanted);
        }
    }

    /** The first {@code used} entries of a random permutation of 0..n-1. */
    static long[] permutation(int n, int used, Random random) {
        long[] all = new long[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < used; i++) {
            int j = i + random.nextInt(n - i);
            long t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return used == n ? all : java.util.Arrays.copyOf(all, used);
    }

    static byte[] saveParams(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void loadParams(Block block, NDManager manager, byte[] params, boolean forTraining) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(params))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("stored model parameters are corrupt: " + e.getMessage(), e);
        }
        if (forTraining) {
            attachGradients(block);
        }
    }

    static void attachGradients(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            if (p.getValue().requiresGradient() && !array.hasGradient()) {
                array.setRequiresGradient(true);
            }
        }
    }
}
