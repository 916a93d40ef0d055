package dev.atelier.worker.data;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and loads Fashion-MNIST. Look-up order: {@code data_dir=}, {@code ATELIER_DATA_DIR},
 * {@code /usr/share/datasets/fashion-mnist} (Debian's dataset-fashion-mnist), {@code ~/.cache/atelier/fashion-mnist},
 * then a download from the official URLs into that cache, checked against SHA-256 sums of the decompressed bytes.
 */
public final class FashionMnist {
    public static final int TRAIN_SIZE = 60_000;
    public static final int TEST_SIZE = 10_000;
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    private static final Logger LOG = LoggerFactory.getLogger(FashionMnist.class);
    private static final Map<Path, SoftReference<FashionMnist>> LOADED = new ConcurrentHashMap<>();

    /** The four files with the SHA-256 of their decompressed bytes. */
    enum DataFile {
        TRAIN_IMAGES("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        TRAIN_LABELS("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        TEST_IMAGES("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        TEST_LABELS("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

        final String base;
        final String sha256;

        DataFile(String base, String sha256) {
            this.base = base;
            this.sha256 = sha256;
        }

        /** The .gz file if present, else the raw file, in {@code dir}. */
        Path in(Path dir) {
            Path gz = dir.resolve(base + ".gz");
            return Files.exists(gz) || !Files.exists(dir.resolve(base)) ? gz : dir.resolve(base);
        }
    }

    private final ImageSet train;
    private final ImageSet test;
    private final Path directory;

    private FashionMnist(ImageSet train, ImageSet test, Path directory) {
        this.train = train;
        this.test = test;
        this.directory = directory;
    }

    /** The official 60,000 training images (split later into 55,000 train / 5,000 validation). */
    public ImageSet train() {
        return train;
    }

    public ImageSet test() {
        return test;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Loads from the first directory of the look-up order that holds all four files (downloading only when
     * none does and {@code allowDownload}). Parsed data are kept in memory (softly) for later runs.
     *
     * @param dataDir the data_dir option; empty for the default look-up order
     * @throws DataException naming the file and how to fix it
     */
    public static FashionMnist load(String dataDir, boolean allowDownload) {
        Path dir = locate(dataDir, System.getenv("ATELIER_DATA_DIR"), allowDownload);
        SoftReference<FashionMnist> ref = LOADED.get(dir);
        FashionMnist cached = ref == null ? null : ref.get();
        if (cached != null) {
            return cached;
        }
        FashionMnist loaded = loadFrom(dir);
        LOADED.put(dir, new SoftReference<>(loaded));
        return loaded;
    }

    /** Reads the four files of {@code dir} (no look-up, no cache). */
    public static FashionMnist loadFrom(Path dir) {
        ImageSet train = read(DataFile.TRAIN_IMAGES.in(dir), DataFile.TRAIN_LABELS.in(dir), TRAIN_SIZE);
        ImageSet test = read(DataFile.TEST_IMAGES.in(dir), DataFile.TEST_LABELS.in(dir), TEST_SIZE);
        return new FashionMnist(train, test, dir);
    }

    static ImageSet read(Path imagesFile, Path labelsFile, int count) {
        byte[] pixels = IdxReader.readImages(imagesFile, count);
        byte[] labels = IdxReader.readLabels(labelsFile, count);
        float[] scaled = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            scaled[i] = (pixels[i] & 0xff) / 255f;
        }
        int[] ints = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            ints[i] = labels[i];
        }
        return new ImageSet(scaled, ints);
    }

    /** The directory to read from; an explicit data_dir / ATELIER_DATA_DIR is used as given (and errors name it). */
    static Path locate(String dataDir, String envDir, boolean allowDownload) {
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir);
        }
        if (envDir != null && !envDir.isBlank()) {
            return Path.of(envDir);
        }
        List<Path> searched = new ArrayList<>(List.of(DEBIAN_DIR, cacheDir()));
        for (Path candidate : searched) {
            if (hasAll(candidate)) {
                return candidate;
            }
        }
        if (!allowDownload) {
            throw new DataException("Fashion-MNIST not found in " + searched + ". " + DataException.HOW_TO_FIX);
        }
        download(cacheDir());
        return cacheDir();
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("atelier").resolve("fashion-mnist");
    }

    private static boolean hasAll(Path dir) {
        for (DataFile f : DataFile.values()) {
            if (!Files.isRegularFile(f.in(dir))) {
                return false;
            }
        }
        return true;
    }

    /** Downloads the four .gz files into {@code dir}, verifying each before it is moved into place. */
    static void download(Path dir) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            Files.createDirectories(dir);
            for (DataFile f : DataFile.values()) {
                Path target = dir.resolve(f.base + ".gz");
                if (Files.isRegularFile(target)) {
                    continue;
                }
                String url = BASE_URL + f.base + ".gz";
                LOG.info("downloading {} into {}", url, dir);
                Path tmp = Files.createTempFile(dir, f.base, ".part");
                HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
                        HttpResponse.BodyHandlers.ofFile(tmp));
                if (response.statusCode() != 200) {
                    Files.deleteIfExists(tmp);
                    throw new DataException("downloading " + url + " failed with HTTP " + response.statusCode() + ". " + DataException.HOW_TO_FIX);
                }
                String sha = sha256OfGunzipped(tmp);
                if (!sha.equals(f.sha256)) {
                    Files.deleteIfExists(tmp);
                    throw new DataException("downloaded " + url + " has SHA-256 " + sha + " (decompressed), expected " + f.sha256
                            + "; the download is corrupt. " + DataException.HOW_TO_FIX);
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new DataException("downloading Fashion-MNIST into " + dir + " failed (" + e.getMessage() + "). " + DataException.HOW_TO_FIX, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("download into " + dir + " interrupted", e);
        }
    }

    static String sha256OfGunzipped(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                digest.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
