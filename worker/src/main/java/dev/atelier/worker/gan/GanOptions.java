package dev.atelier.worker.gan;

import dev.atelier.schemas.config.RunConfig;
import dev.atelier.worker.data.ImageSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The options that determine a trained generator. Two runs with equal options and the same training
 * images get the same {@link #cacheKey(ImageSet) cache key} and share one generator.
 *
 * @param maxBatches stop each GAN epoch after this many batches (0 = all); for smoke runs
 * @param diffAugment translate + cut out every image the discriminator sees ({@link DiffAugment}); for small splits
 * @param ema decay of the exponential moving average of the generator's weights that becomes the trained generator
 *            (0 = the last iterate)
 * @param discriminatorLrScale the discriminator's Adam learning rate is {@code lr} times this (two time-scale update rule;
 *                             1 = both networks at {@code lr})
 * @param modeSeeking weight of the generator's mode-seeking term ({@link ModeSeeking}; 0 = none)
 */
public record GanOptions(String arch, int epochs, double lr, int batchSize, int latentDim, long seed, int maxBatches, boolean diffAugment,
                         double ema, double discriminatorLrScale, double modeSeeking) {

    /** Version of the training recipe; bump it when networks or the loop change so stale cache entries are not reused. */
    static final String RECIPE = "cgan-v9";

    public GanOptions {
        if (!arch.equals("mlp") && !arch.equals("dcgan")) {
            throw new IllegalArgumentException("gan_arch must be mlp or dcgan, got '" + arch + "'");
        }
        if (ema < 0 || ema >= 1) {
            throw new IllegalArgumentException("gan_ema must be in [0, 1), got " + ema);
        }
        if (!(discriminatorLrScale > 0)) {
            throw new IllegalArgumentException("gan_d_lr_scale must be > 0, got " + discriminatorLrScale);
        }
        if (!(modeSeeking >= 0)) {
            throw new IllegalArgumentException("gan_mode_seeking must be >= 0, got " + modeSeeking);
        }
    }

    /** Without a mode-seeking term. */
    public GanOptions(String arch, int epochs, double lr, int batchSize, int latentDim, long seed, int maxBatches, boolean diffAugment,
                      double ema, double discriminatorLrScale) {
        this(arch, epochs, lr, batchSize, latentDim, seed, maxBatches, diffAugment, ema, discriminatorLrScale, 0);
    }

    /** Both networks at {@code lr}. */
    public GanOptions(String arch, int epochs, double lr, int batchSize, int latentDim, long seed, int maxBatches, boolean diffAugment,
                      double ema) {
        this(arch, epochs, lr, batchSize, latentDim, seed, maxBatches, diffAugment, ema, 1);
    }

    /** Without DiffAugment or weight averaging. */
    public GanOptions(String arch, int epochs, double lr, int batchSize, int latentDim, long seed, int maxBatches) {
        this(arch, epochs, lr, batchSize, latentDim, seed, maxBatches, false, 0);
    }

    public static GanOptions from(RunConfig config) {
        return new GanOptions(config.getString("gan_arch"), config.getInt("gan_epochs"), config.getDouble("gan_lr"),
                config.getInt("gan_batch_size"), config.getInt("gan_latent_dim"), config.getInt("seed"), config.getInt("max_batches"),
                config.getBool("gan_diffaugment"), config.getDouble("gan_ema"),
                config.getDouble("gan_d_lr_scale"), config.getDouble("gan_mode_seeking"));
    }

    /**
     * {@code <arch>-<hex>}: SHA-256 of the recipe version, these options and the exact training images and labels.
     * Without weight averaging, with both networks at one learning rate and without the mode-seeking term the key is the
     * one generators had before {@code gan_ema}, {@code gan_d_lr_scale} and {@code gan_mode_seeking} existed: their
     * recipe is the same.
     */
    public String cacheKey(ImageSet train) {
        String options = String.format("GanOptions[arch=%s, epochs=%d, lr=%s, batchSize=%d, latentDim=%d, seed=%d, maxBatches=%d, diffAugment=%s]",
                arch, epochs, lr, batchSize, latentDim, seed, maxBatches, diffAugment) + (ema > 0 ? "|ema=" + ema : "")
                + (discriminatorLrScale != 1 ? "|dLrScale=" + discriminatorLrScale : "")
                + (modeSeeking != 0 ? "|modeSeeking=" + modeSeeking : "");
        return arch + "-" + sha256(RECIPE + "|" + options + "|" + fingerprint(train));
    }

    /** SHA-256 (hex) of a set's labels and pixels. */
    static String fingerprint(ImageSet set) {
        MessageDigest sha = sha();
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.max(set.size(), ImageSet.PIXELS));
        buf.asIntBuffer().put(set.labels());
        sha.update(buf.array(), 0, 4 * set.size());
        float[] px = set.pixels();
        for (int off = 0; off < px.length; off += ImageSet.PIXELS) {
            buf.clear();
            buf.asFloatBuffer().put(px, off, ImageSet.PIXELS);
            sha.update(buf.array(), 0, 4 * ImageSet.PIXELS);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(sha().digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 24);
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
