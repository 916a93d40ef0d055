package dev.atelier.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Draws a 10×10 confusion matrix (rows: true class, columns: predicted) as a PNG, headless. */
final class ConfusionMatrixPng {
    static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");
    private static final int CELL = 52;
    private static final int LEFT = 100;
    private static final int TOP = 60;

    private ConfusionMatrixPng() {
    }

    static void write(int[][] matrix, double testAcc, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int n = matrix.length;
        BufferedImage image = new BufferedImage(LEFT + n * CELL + 20, TOP + n * CELL + 110, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(String.format("Confusion matrix (test accuracy %.2f%%)", testAcc * 100), 10, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int t = 0; t < n; t++) {
            int rowTotal = 0;
            for (int v : matrix[t]) {
                rowTotal += v;
            }
            for (int p = 0; p < n; p++) {
                double share = rowTotal == 0 ? 0 : (double) matrix[t][p] / rowTotal;
                int shade = (int) Math.round(255 * (1 - share));
                g.setColor(t == p ? new Color(shade, shade, 255) : new Color(255, shade, shade));
                g.fillRect(LEFT + p * CELL, TOP + t * CELL, CELL, CELL);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                g.drawString(Integer.toString(matrix[t][p]), LEFT + p * CELL + 8, TOP + t * CELL + CELL / 2 + 4);
            }
            g.setColor(Color.BLACK);
            g.drawString(CLASS_NAMES.get(t), 4, TOP + t * CELL + CELL / 2 + 4);
            g.rotate(Math.PI / 2);
            g.drawString(CLASS_NAMES.get(t), TOP + n * CELL + 6, -(LEFT + t * CELL + CELL / 2 - 4));
            g.rotate(-Math.PI / 2);
        }
        g.drawString("rows: true class, columns: predicted class", 10, TOP - 10);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
