package dev.atelier.schemas.config;

import static dev.atelier.schemas.config.OptionDef.boolOpt;
import static dev.atelier.schemas.config.OptionDef.choiceOpt;
import static dev.atelier.schemas.config.OptionDef.floatOpt;
import static dev.atelier.schemas.config.OptionDef.intListOpt;
import static dev.atelier.schemas.config.OptionDef.intOpt;
import static dev.atelier.schemas.config.OptionDef.stringOpt;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single definition of every run option. The training engine, the CLI, sweep validation in the
 * orchestrator and the dashboard's form are all driven by this list.
 */
public final class RunOptions {

    public static final List<OptionDef> ALL = List.of(
            // model
            choiceOpt("architecture", "fcn", List.of("fcn", "cnn"), "model", "Network family: fully-connected (fcn) or convolutional (cnn)."),
            choiceOpt("preset", "none", List.of("none", "fcn-large", "cnn-large"), "model",
                    "Stronger pre-tuned configuration; explicit keys still override it."),
            intListOpt("hidden", List.of(512, 256), 1, 8192, "model", "FCN hidden layer sizes, e.g. hidden=256,128,64."),
            intListOpt("channels", List.of(32, 64), 1, 1024, "model", "CNN conv block widths; one block (convs_per_block 3x3 convs + 2x2 max-pool) per entry."),
            intOpt("convs_per_block", 1, 1, 4, "model", "CNN 3x3 convolutions per block before its pooling."),
            intOpt("fc_units", 256, 0, 8192, "model", "CNN dense layer width before the classifier (0 = none)."),
            floatOpt("dropout", 0.2, 0.0, 0.9, "model", "Dropout probability in dense layers."),
            boolOpt("batch_norm", true, "model", "Batch normalisation after each dense/conv layer."),
            // optimizer
            choiceOpt("optimizer", "adamw", List.of("sgd", "adam", "adamw"), "optimizer", "Optimizer."),
            floatOpt("lr", 0.001, 1e-7, 10.0, "optimizer", "Peak learning rate."),
            floatOpt("momentum", 0.9, 0.0, 0.999, "optimizer", "SGD momentum."),
            boolOpt("nesterov", false, "optimizer", "Nesterov momentum for SGD."),
            floatOpt("weight_decay", 0.0001, 0.0, 1.0, "optimizer", "L2 (sgd/adam) or decoupled (adamw) weight decay."),
            floatOpt("label_smoothing", 0.0, 0.0, 0.5, "optimizer", "Label smoothing for the cross-entropy loss."),
            intOpt("batch_size", 128, 1, 65536, "optimizer", "Mini-batch size."),
            intOpt("epochs", 10, 1, 10000, "optimizer", "Maximum number of epochs."),
            // schedule
            choiceOpt("schedule", "cosine", List.of("none", "step", "cosine", "onecycle"), "schedule", "Learning-rate schedule."),
            floatOpt("warmup_epochs", 0.0, 0.0, 1000.0, "schedule", "Linear warm-up length in epochs (fractions allowed)."),
            intOpt("step_size", 5, 1, 10000, "schedule", "Epochs between decays for schedule=step."),
            floatOpt("gamma", 0.1, 1e-6, 1.0, "schedule", "Decay factor for schedule=step."),
            intOpt("patience", 0, 0, 10000, "schedule", "Early stopping: epochs without val_acc improvement (0 = off)."),
            // data
            stringOpt("data_dir", "", "data", "Directory with the four Fashion-MNIST IDX files (default: search ATELIER_DATA_DIR, Debian's dataset, cache)."),
            intOpt("train_subset", 0, 0, 55000, "data", "Use a stratified subset of N training images (0 = all 55,000)."),
            boolOpt("augment_flip", false, "data", "Random horizontal flips during training."),
            intOpt("augment_crop", 0, 0, 8, "data", "Random-crop padding in pixels during training (0 = off)."),
            floatOpt("augment_erase", 0.0, 0.0, 1.0, "data", "Probability of random erasing per image during training."),
            // run
            intOpt("seed", 42, 0, Integer.MAX_VALUE, "run", "Random seed; same seed on the same machine gives identical metrics."),
            choiceOpt("device", "auto", List.of("auto", "cpu", "gpu"), "run", "auto takes a GPU when DJL sees one."),
            intOpt("max_batches", 0, 0, Integer.MAX_VALUE, "run", "Stop each epoch after N batches (smoke runs; 0 = all)."),
            intOpt("threads", 0, 0, 256, "run", "PyTorch intra-op CPU threads (0 = one per visible core; 1 is faster on an overloaded machine)."),
            // conditional GAN augmentation
            choiceOpt("augment", "none", List.of("none", "cgan"), "gan", "Train on real + cGAN-generated images."),
            choiceOpt("gan_arch", "dcgan", List.of("mlp", "dcgan"), "gan", "Generator/discriminator architecture."),
            intOpt("gan_epochs", 20, 1, 1000, "gan", "cGAN training epochs (20 on the full split, dcgan, 2 idle CPU cores: 10-14 min on three AMD and Intel VMs, 18-21 min on an AVX2-only one)."),
            floatOpt("gan_lr", 0.0002, 1e-7, 1.0, "gan", "cGAN Adam learning rate (beta1 = 0.5)."),
            floatOpt("gan_d_lr_scale", 1.0, 0.1, 10.0, "gan", "The cGAN discriminator's learning rate is gan_lr times this (two time-scale update rule; 1 = same as the generator; 2 diverged on 1 of 3 seeds, docs/gan.md)."),
            floatOpt("gan_mode_seeking", 0.0, 0.0, 10.0, "gan", "Weight of the cGAN generator's mode-seeking term (MSGAN: rewards different images from different noise for one class; 0 = none)."),
            intOpt("gan_batch_size", 128, 1, 65536, "gan", "cGAN mini-batch size."),
            boolOpt("gan_diffaugment", false, "gan", "Translate + cut out every image the cGAN discriminator sees (DiffAugment; for small train_subset)."),
            floatOpt("gan_ema", 0.999, 0.0, 0.9999, "gan", "Decay of the moving average of the generator's weights that becomes the trained generator (0 = its last weights)."),
            intOpt("gan_latent_dim", 100, 1, 4096, "gan", "Length of the generator's noise vector z."),
            intOpt("synthetic_per_class", 1000, 0, 100000, "gan", "Generated images added per class when augment=cgan."),
            choiceOpt("synthetic_filter", "none", List.of("none", "agree"), "gan",
                    "agree: keep only generated images that a CNN trained on the run's real training images assigns to their class."),
            choiceOpt("synthetic_labels", "class", List.of("class", "teacher"), "gan",
                    "Training target of a generated image: its conditioning class, or (teacher) the class probabilities a CNN trained on the run's real training images gives it.")
    );

    /** Values a preset sets; keys given explicitly by the user win over the preset. */
    public static final Map<String, Map<String, Object>> PRESETS = Map.of(
            "fcn-large", Map.of("architecture", "fcn", "hidden", List.of(1024, 512, 256), "dropout", 0.3, "epochs", 30),
            "cnn-large", Map.of("architecture", "cnn", "channels", List.of(32, 64, 128), "convs_per_block", 2, "fc_units", 256,
                    "dropout", 0.3, "epochs", 20, "augment_flip", true, "augment_crop", 2, "label_smoothing", 0.1));

    private static final Map<String, OptionDef> BY_KEY = new LinkedHashMap<>();

    static {
        for (OptionDef def : ALL) {
            BY_KEY.put(def.key(), def);
        }
    }

    private RunOptions() {
    }

    /** The options table of README.md and {@code ./atelier train --help}: one Markdown row per option. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| option | default | allowed | group | description |\n|---|---|---|---|---|\n");
        for (OptionDef def : ALL) {
            sb.append("| `").append(def.key()).append("` | `").append(ValueParser.format(def.defaultValue())).append("` | ")
                    .append(def.allowed().replace("|", "\\|")).append(" | ").append(def.group()).append(" | ").append(def.help().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    public static Optional<OptionDef> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The valid key closest to {@code unknown} by edit distance, for "did you mean" messages. */
    public static String closest(String unknown) {
        return ALL.stream().map(OptionDef::key)
                .min(Comparator.comparingInt(k -> editDistance(unknown.toLowerCase(), k)))
                .orElseThrow();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
