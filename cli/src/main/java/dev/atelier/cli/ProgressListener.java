package dev.atelier.cli;

import dev.atelier.worker.training.EpochMetrics;
import dev.atelier.worker.training.TrainingListener;
import java.io.PrintStream;

/** A live progress bar (batch, loss, images/s, ETA) on stderr and one line per epoch on stdout. */
final class ProgressListener implements TrainingListener {
    private static final int WIDTH = 24;
    private final PrintStream out;
    private final PrintStream bar;
    private final int epochs;
    private final int batchSize;
    private final RunOutput output;
    private boolean barShown;

    /** @param bar where the live bar goes, or null for none */
    ProgressListener(PrintStream out, PrintStream bar, int epochs, int batchSize, RunOutput output) {
        this.out = out;
        this.bar = bar;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.output = output;
    }

    @Override
    public void onBatch(int epoch, int batch, int batchesPerEpoch, double runningLoss, double imagesPerSecond) {
        if (bar == null) {
            return;
        }
        int filled = (int) Math.round((double) WIDTH * batch / batchesPerEpoch);
        long batchesLeft = batchesPerEpoch - batch + (long) (epochs - epoch) * batchesPerEpoch;
        long eta = imagesPerSecond > 0 ? Math.round(batchesLeft * (double) batchSize / imagesPerSecond) : 0;
        bar.printf("\repoch %d/%d [%s%s] %d/%d loss %.4f %,.0f img/s ETA %d:%02d ", epoch, epochs, "=".repeat(filled),
                " ".repeat(WIDTH - filled), batch, batchesPerEpoch, runningLoss, imagesPerSecond, eta / 60, eta % 60);
        bar.flush();
        barShown = true;
    }

    @Override
    public boolean wantsCheckpoints() {
        return false;
    }

    @Override
    public void onEpoch(EpochMetrics m) {
        clearLine();
        out.printf("epoch %3d/%d  train_loss %.4f  train_acc %.4f  val_loss %.4f  val_acc %.4f  lr %.2e  %.1fs  %,.0f img/s%n",
                m.epoch(), epochs, m.trainLoss(), m.trainAcc(), m.valLoss(), m.valAcc(), m.lr(), m.epochSeconds(), m.imagesPerSecond());
        output.appendEpoch(m);
    }

    void clearLine() {
        if (bar != null && barShown) {
            bar.print("\r" + " ".repeat(100) + "\r");
            bar.flush();
            barShown = false;
        }
    }
}
