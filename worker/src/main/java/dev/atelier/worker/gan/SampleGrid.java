package dev.atelier.worker.gan;

import dev.atelier.worker.data.ImageSet;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A PNG of 10 rows (one per class, name on the left) × 10 generated samples. Rendered headless. */
public final class SampleGrid {
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final int PER_ROW = 10;
    private static final int SCALE = 2;
    private static final int CELL = ImageSet.SIDE * SCALE + 4;
    private static final int LABEL_WIDTH = 100;

    private SampleGrid() {
    }

    /** Writes the grid of {@code generator.sample(10, seed)}; returns the image written. */
    public static BufferedImage write(Generator generator, long seed, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ImageSet samples = generator.sample(PER_ROW, seed);
        BufferedImage image = new BufferedImage(LABEL_WIDTH + PER_ROW * CELL, ImageSet.CLASSES * CELL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.BLACK);
            for (int row = 0; row < ImageSet.CLASSES; row++) {
                g.drawString(CLASS_NAMES.get(row), 6, row * CELL + CELL / 2 + 5);
                for (int col = 0; col < PER_ROW; col++) {
                    drawDigit(image, samples.pixels(), row * PER_ROW + col, LABEL_WIDTH + col * CELL + 2, row * CELL + 2);
                }
            }
        } finally {
            g.dispose();
        }
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", png.toFile());
        return image;
    }

    /** Fashion-MNIST convention: 0 = black background, 1 = white garment. */
    private static void drawDigit(BufferedImage image, float[] pixels, int index, int x0, int y0) {
        int base = index * ImageSet.PIXELS;
        for (int y = 0; y < ImageSet.SIDE * SCALE; y++) {
            for (int x = 0; x < ImageSet.SIDE * SCALE; x++) {
                int v = Math.round(255 * pixels[base + (y / SCALE) * ImageSet.SIDE + x / SCALE]);
                image.setRGB(x0 + x, y0 + y, (v << 16) | (v << 8) | v);
            }
        }
    }
}
