package dev.atelier.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Text tables of sweeps and of a sweep's runs, as printed by {@code ./atelier sweep} and {@code ./atelier status}. */
final class SweepTables {
    private static final List<String> STATES = List.of("queued", "dispatched", "running", "completed", "failed", "cancelled");

    private SweepTables() {
    }

    /** The run options whose values differ between the sweep's runs, in config order. */
    static List<String> varyingKeys(JsonArray runs) {
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            keys.addAll(config(runs.getJsonObject(i)).fieldNames());
        }
        return keys.stream().filter(k -> runs.stream().map(r -> config((JsonObject) r).getValue(k)).distinct().count() > 1).toList();
    }

    /** Header line, one line per run, and a closing summary line. */
    static List<String> runs(JsonObject sweep) {
        JsonArray runs = sweep.getJsonArray("runs", new JsonArray());
        List<String> keys = varyingKeys(runs);
        List<String> header = new ArrayList<>(List.of("RUN", "STATE"));
        keys.forEach(header::add);
        header.addAll(List.of("EPOCH", "VAL_ACC", "TEST_ACC"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (int i = 0; i < runs.size(); i++) {
            JsonObject run = runs.getJsonObject(i);
            JsonObject config = config(run);
            List<String> row = new ArrayList<>(List.of(run.getString("id"), state(run)));
            keys.forEach(k -> row.add(value(config.getValue(k))));
            Object epochs = config.getValue("epochs");
            Object epoch = run.getValue("latestEpoch");
            row.add((epoch == null ? "-" : epoch.toString()) + (epochs == null ? "" : "/" + epochs));
            row.add(acc(run.getValue("valAcc")));
            row.add(acc(run.getValue("testAcc")));
            rows.add(row);
        }
        List<String> lines = align(rows);
        lines.add("sweep " + sweep.getString("id") + " '" + sweep.getString("name") + "' " + sweep.getString("state")
                + ": " + counts(sweep.getJsonObject("counts", new JsonObject())));
        return lines;
    }

    /** One line per sweep: id, name, state, run counts by state, best accuracies. */
    static List<String> sweeps(JsonArray sweeps) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("SWEEP", "NAME", "STATE", "RUNS", "BEST_VAL_ACC", "BEST_TEST_ACC", "CREATED"));
        for (int i = 0; i < sweeps.size(); i++) {
            JsonObject s = sweeps.getJsonObject(i);
            rows.add(List.of(s.getString("id"), s.getString("name", ""), s.getString("state", ""),
                    counts(s.getJsonObject("counts", new JsonObject())), acc(s.getValue("bestValAcc")),
                    acc(s.getValue("bestTestAcc")), Objects.toString(s.getString("createdAt"), "")));
        }
        return align(rows);
    }

    /** "best run: ID val_acc 0.8123 test_acc 0.8011 (architecture=cnn lr=0.001)", or why there is none. */
    static String best(JsonObject sweep) {
        JsonObject best = sweep.getJsonObject("bestByValAcc");
        if (best == null) {
            best = sweep.getJsonObject("bestByTestAcc");
        }
        if (best == null) {
            return "no run finished with an accuracy";
        }
        String id = best.getString("runId");
        JsonArray runs = sweep.getJsonArray("runs", new JsonArray());
        JsonObject run = runs.stream().map(JsonObject.class::cast).filter(r -> id.equals(r.getString("id"))).findFirst().orElse(new JsonObject());
        String params = varyingKeys(runs).stream().map(k -> k + "=" + value(config(run).getValue(k))).collect(Collectors.joining(" "));
        return "best run: " + id + " val_acc " + acc(run.getValue("bestValAcc")) + " test_acc " + acc(run.getValue("testAcc"))
                + (params.isEmpty() ? "" : " (" + params + ")");
    }

    static String counts(JsonObject counts) {
        Map<String, Object> map = counts.getMap();
        String text = STATES.stream().filter(map::containsKey).map(s -> map.get(s) + " " + s).collect(Collectors.joining(", "));
        return text.isEmpty() ? "no runs" : text;
    }

    private static String state(JsonObject run) {
        int attempt = run.getInteger("attempt", 1);
        return run.getString("state", "?") + (attempt > 1 ? " (attempt " + attempt + ")" : "");
    }

    private static JsonObject config(JsonObject run) {
        return run.getJsonObject("config", new JsonObject());
    }

    private static String value(Object v) {
        if (v instanceof JsonArray a) {
            return a.stream().map(String::valueOf).collect(Collectors.joining("|"));
        }
        return v == null ? "-" : v.toString();
    }

    private static String acc(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : "-";
    }

    private static List<String> align(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        rows.forEach(r -> {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                sb.append(c == columns - 1 ? r.get(c) : String.format("%-" + width[c] + "s  ", r.get(c)));
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }
}
