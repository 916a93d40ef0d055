package dev.atelier.schemas.sweep;

import dev.atelier.schemas.config.ConfigException;
import dev.atelier.schemas.config.ConfigProblem;
import dev.atelier.schemas.config.OptionDef;
import dev.atelier.schemas.config.OptionType;
import dev.atelier.schemas.config.RunConfig;
import dev.atelier.schemas.config.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Expands a {@link SweepSpec} into run configurations: every grid combination (the last axis varies fastest)
 * times {@code trials}; random axes are drawn per run in run order from one {@link Random} seeded with the
 * sweep seed, so the same spec always gives the same runs. When the user did not set the run option
 * {@code seed}, trial t runs with seed 42 + t.
 */
public final class SweepPlanner {
    public static final int DEFAULT_MAX_RUNS = 1000;

    private SweepPlanner() {
    }

    /**
     * The resolved configuration of every run, in order.
     *
     * @throws SweepException SWEEP_TOO_LARGE with the count, or INVALID_CONFIG with every bad value
     */
    public static List<RunConfig> plan(SweepSpec spec, int maxRuns) {
        long count = spec.runCount();
        if (count > maxRuns) {
            throw new SweepException("SWEEP_TOO_LARGE", "the sweep would create " + count + " runs (" + describeCount(spec)
                    + "); the limit is " + maxRuns + " runs per sweep",
                    List.of(new ConfigProblem("grid", count + " runs planned", "at most " + maxRuns + " runs (max_runs_per_sweep)")));
        }
        List<ConfigProblem> problems = checkValues(spec);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        List<RunConfig> runs = new ArrayList<>((int) count);
        Random random = new Random(spec.seed());
        List<String> keys = new ArrayList<>(spec.grid().keySet());
        int[] position = new int[keys.size()];
        boolean seedGiven = spec.base().containsKey("seed") || spec.grid().containsKey("seed") || spec.random().containsKey("seed");
        for (long point = 0; point < count / spec.trials(); point++) {
            for (int trial = 0; trial < spec.trials(); trial++) {
                Map<String, Object> overrides = new LinkedHashMap<>(spec.base());
                for (int k = 0; k < keys.size(); k++) {
                    overrides.put(keys.get(k), spec.grid().get(keys.get(k)).get(position[k]));
                }
                spec.random().forEach((key, axis) -> overrides.put(key, axis.sample(random, isInteger(key))));
                if (!seedGiven && spec.trials() > 1) {
                    overrides.put("seed", 42 + trial);
                }
                try {
                    runs.add(RunConfig.resolve(overrides));
                } catch (ConfigException e) {
                    throw invalid(e.problems().stream()
                            .map(p -> new ConfigProblem("runs[" + runs.size() + "]." + p.field(), p.problem(), p.allowed())).toList());
                }
            }
            advance(position, keys, spec);
        }
        return runs;
    }

    private static void advance(int[] position, List<String> keys, SweepSpec spec) {
        for (int k = keys.size() - 1; k >= 0; k--) {
            if (++position[k] < spec.grid().get(keys.get(k)).size()) {
                return;
            }
            position[k] = 0;
        }
    }

    /** Checks each base value, grid value and random axis on its own, so errors point at the exact spot. */
    private static List<ConfigProblem> checkValues(SweepSpec spec) {
        LinkedHashSet<ConfigProblem> problems = new LinkedHashSet<>();
        spec.base().forEach((k, v) -> prefixed(problems, "base.", k, v));
        spec.grid().forEach((k, values) -> {
            for (int i = 0; i < values.size(); i++) {
                prefixed(problems, "grid." + k + "[" + i + "]", null, Map.entry(k, values.get(i)));
            }
        });
        spec.random().forEach((k, axis) -> {
            OptionDef def = RunOptions.find(k).orElse(null);
            if (def == null) {
                prefixed(problems, "random.", k, axis.min());
            } else if (axis.dist().equals("choice")) {
                axis.values().forEach(v -> prefixed(problems, "random." + k + ".values", null, Map.entry(k, v)));
            } else if (def.type() != OptionType.INT && def.type() != OptionType.FLOAT) {
                problems.add(new ConfigProblem("random." + k, "'" + k + "' is not numeric, so it cannot be " + axis.dist(), "~choice for " + def.allowed()));
            } else {
                prefixed(problems, "random." + k + ".min", null, Map.entry(k, axis.min()));
                prefixed(problems, "random." + k + ".max", null, Map.entry(k, axis.max()));
            }
        });
        return new ArrayList<>(problems);
    }

    private static void prefixed(LinkedHashSet<ConfigProblem> out, String prefix, String key, Object value) {
        Map.Entry<?, ?> entry = key == null ? (Map.Entry<?, ?>) value : Map.entry(key, value);
        String field = key == null ? prefix : prefix + key;
        for (ConfigProblem p : RunConfig.validate(Map.of(entry.getKey().toString(), entry.getValue()))) {
            out.add(new ConfigProblem(field, p.problem(), p.allowed()));
        }
    }

    private static boolean isInteger(String key) {
        return RunOptions.find(key).map(d -> d.type() == OptionType.INT).orElse(false);
    }

    private static String describeCount(SweepSpec spec) {
        List<String> parts = new ArrayList<>();
        spec.grid().forEach((k, v) -> parts.add(v.size() + " " + k));
        if (spec.trials() > 1) {
            parts.add(spec.trials() + " trials");
        }
        return parts.isEmpty() ? "1 run" : String.join(" x ", parts);
    }

    private static SweepException invalid(List<ConfigProblem> problems) {
        return new SweepException("INVALID_CONFIG", "the sweep has invalid run options: "
                + String.join("; ", problems.stream().limit(10).map(ConfigProblem::oneLine).toList()), problems);
    }
}
