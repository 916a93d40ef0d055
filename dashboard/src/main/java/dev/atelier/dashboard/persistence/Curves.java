package dev.atelier.dashboard.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-run learning curves in columnar form ({@code {runId: {epoch:[..], val_acc:[..], ...}}}), downsampled on the
 * server to at most {@code maxPoints} epochs per run so a browser can draw hundreds of runs. The first and the last
 * epoch of each run are always kept, so a chart never hides the newest value.
 */
public final class Curves {
    static final List<String> SERIES = List.of("train_loss", "train_acc", "val_loss", "val_acc", "lr");

    private Curves() {
    }

    static JsonObject fromRows(ResultSet rs, int maxPoints) throws SQLException {
        Map<String, List<double[]>> byRun = new LinkedHashMap<>();
        while (rs.next()) {
            double[] point = new double[SERIES.size() + 1];
            point[0] = rs.getInt("epoch");
            for (int i = 0; i < SERIES.size(); i++) {
                point[i + 1] = rs.getDouble(SERIES.get(i));
            }
            byRun.computeIfAbsent(rs.getString("run_id"), k -> new ArrayList<>()).add(point);
        }
        JsonObject runs = new JsonObject();
        boolean downsampled = false;
        for (var entry : byRun.entrySet()) {
            List<double[]> points = entry.getValue();
            List<double[]> kept = pick(points, maxPoints);
            downsampled |= kept.size() < points.size();
            runs.put(entry.getKey(), columns(kept));
        }
        return new JsonObject().put("runs", runs).put("maxPoints", maxPoints).put("downsampled", downsampled);
    }

    /** Evenly spaced points, first and last included. */
    public static <T> List<T> pick(List<T> points, int maxPoints) {
        int n = points.size();
        if (n <= maxPoints) {
            return points;
        }
        List<T> out = new ArrayList<>(maxPoints);
        for (int i = 0; i < maxPoints; i++) {
            out.add(points.get((int) Math.round((double) i * (n - 1) / (maxPoints - 1))));
        }
        return out;
    }

    private static JsonObject columns(List<double[]> points) {
        JsonObject cols = new JsonObject();
        JsonArray epochs = new JsonArray();
        points.forEach(p -> epochs.add((int) p[0]));
        cols.put("epoch", epochs);
        for (int i = 0; i < SERIES.size(); i++) {
            JsonArray values = new JsonArray();
            int col = i + 1;
            points.forEach(p -> values.add(p[col]));
            cols.put(SERIES.get(i), values);
        }
        return cols;
    }
}
