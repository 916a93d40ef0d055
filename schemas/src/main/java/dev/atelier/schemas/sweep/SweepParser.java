package dev.atelier.schemas.sweep;

import dev.atelier.schemas.config.ConfigException;
import dev.atelier.schemas.config.ConfigProblem;
import dev.atelier.schemas.config.KeyValueArgs;
import dev.atelier.schemas.config.OptionType;
import dev.atelier.schemas.config.RunOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link SweepSpec} from its JSON form or from the command-line (text/plain) form
 * {@code architecture=fcn,cnn lr=0.001,0.003 epochs=5}: a comma list is a grid axis ({@code |} separates
 * alternatives for list options such as {@code hidden=256,128|512}), {@code lr=~loguniform(1e-4,1e-2)},
 * {@code dropout=~uniform(0,0.5)} and {@code optimizer=~choice(sgd,adam)} are random axes, and
 * {@code name=}, {@code trials=}, {@code max_parallel=}, {@code priority=}, {@code sweep_seed=} set the sweep itself.
 */
public final class SweepParser {
    public static final List<String> FIELDS = List.of("name", "base", "grid", "random", "trials", "max_parallel", "priority", "seed");
    private static final List<String> TEXT_META = List.of("name", "trials", "max_parallel", "priority", "sweep_seed");
    private static final Pattern RANDOM = Pattern.compile("~(uniform|loguniform|choice)\\((.*)\\)");

    private SweepParser() {
    }

    public static SweepSpec fromJson(JsonObject json) {
        List<String> unknown = json.fieldNames().stream().filter(f -> !FIELDS.contains(f)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new SweepException("UNKNOWN_FIELD", "unknown field" + (unknown.size() > 1 ? "s " : " ") + quoted(unknown)
                    + " in the sweep request; allowed fields: " + String.join(", ", FIELDS),
                    unknown.stream().map(f -> new ConfigProblem(f, "unknown field", String.join(", ", FIELDS))).toList());
        }
        Problems p = new Problems();
        String name = p.string(json, "name", "sweep");
        Map<String, Object> base = new LinkedHashMap<>();
        p.object(json, "base").forEach(e -> base.put(e.getKey(), e.getValue()));
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.object(json, "grid")) {
            if (e.getValue() instanceof JsonArray a && !a.isEmpty()) {
                grid.put(e.getKey(), new ArrayList<>(a.getList()));
            } else {
                p.add("grid." + e.getKey(), "must be a non-empty array of values", "[value, ...], e.g. [0.001, 0.003]");
            }
        }
        Map<String, RandomAxis> random = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.object(json, "random")) {
            RandomAxis axis = p.randomAxis("random." + e.getKey(), e.getValue());
            if (axis != null) {
                random.put(e.getKey(), axis);
            }
        }
        int trials = (int) p.integer(json, "trials", 1, 1, Integer.MAX_VALUE);
        int maxParallel = (int) p.integer(json, "max_parallel", 0, 0, Integer.MAX_VALUE);
        int priority = (int) p.integer(json, "priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long seed = p.integer(json, "seed", 0, 0, Long.MAX_VALUE);
        return p.build(name, base, grid, random, trials, maxParallel, priority, seed);
    }

    public static SweepSpec fromText(String text) {
        Map<String, String> words;
        try {
            words = KeyValueArgs.parse(Arrays.asList(text.trim().split("\\s+")));
        } catch (ConfigException e) {
            throw new SweepException("INVALID_REQUEST", "cannot read the sweep text: " + e.getMessage(), e.problems());
        }
        Problems p = new Problems();
        JsonObject meta = new JsonObject();
        Map<String, Object> base = new LinkedHashMap<>();
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        Map<String, RandomAxis> random = new LinkedHashMap<>();
        words.forEach((key, value) -> {
            if (TEXT_META.contains(key)) {
                meta.put(key.equals("sweep_seed") ? "seed" : key, key.equals("name") ? value : parseNumber(value));
                return;
            }
            Matcher m = RANDOM.matcher(value);
            if (value.startsWith("~")) {
                if (!m.matches()) {
                    p.add("random." + key, "'" + value + "' is not a random axis", "~uniform(min,max), ~loguniform(min,max), ~choice(a,b,...)");
                    return;
                }
                List<Object> args = new ArrayList<>(Arrays.asList((Object[]) m.group(2).split(",")));
                JsonObject axis = new JsonObject().put("dist", m.group(1));
                if (m.group(1).equals("choice")) {
                    axis.put("values", new JsonArray(args.stream().map(a -> a.toString().trim()).toList()));
                } else if (args.size() == 2) {
                    axis.put("min", parseNumber(args.get(0).toString().trim())).put("max", parseNumber(args.get(1).toString().trim()));
                }
                RandomAxis parsed = p.randomAxis("random." + key, axis);
                if (parsed != null) {
                    random.put(key, parsed);
                }
                return;
            }
            boolean listOption = RunOptions.find(key).map(d -> d.type() == OptionType.INT_LIST).orElse(false);
            List<Object> values = new ArrayList<>(Arrays.asList((Object[]) value.split(listOption ? "\\|" : ",")));
            if (values.size() > 1) {
                grid.put(key, values);
            } else {
                base.put(key, value);
            }
        });
        String name = p.string(meta, "name", "sweep");
        int trials = (int) p.integer(meta, "trials", 1, 1, Integer.MAX_VALUE);
        int maxParallel = (int) p.integer(meta, "max_parallel", 0, 0, Integer.MAX_VALUE);
        int priority = (int) p.integer(meta, "priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        long seed = p.integer(meta, "seed", 0, 0, Long.MAX_VALUE);
        return p.build(name, base, grid, random, trials, maxParallel, priority, seed);
    }

    /** The JSON form of a spec (what is stored and what {@link #fromJson} reads back). */
    public static JsonObject toJson(SweepSpec spec) {
        JsonObject random = new JsonObject();
        spec.random().forEach((k, a) -> random.put(k, a.dist().equals("choice")
                ? new JsonObject().put("dist", a.dist()).put("values", new JsonArray(a.values()))
                : new JsonObject().put("dist", a.dist()).put("min", a.min()).put("max", a.max())));
        JsonObject grid = new JsonObject();
        spec.grid().forEach((k, v) -> grid.put(k, new JsonArray(v)));
        return new JsonObject().put("name", spec.name()).put("base", new JsonObject(new LinkedHashMap<>(spec.base())))
                .put("grid", grid).put("random", random).put("trials", spec.trials()).put("max_parallel", spec.maxParallel())
                .put("priority", spec.priority()).put("seed", spec.seed());
    }

    private static Object parseNumber(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e2) {
                return s;
            }
        }
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    /** Collects shape problems so one answer lists all of them. */
    private static final class Problems {
        private final List<ConfigProblem> list = new ArrayList<>();

        void add(String field, String problem, String allowed) {
            list.add(new ConfigProblem(field, problem, allowed));
        }

        String string(JsonObject json, String field, String def) {
            Object v = json.getValue(field);
            if (v == null) {
                return def;
            }
            if (!(v instanceof String s) || s.isBlank() || s.length() > 200) {
                add(field, "must be a non-empty string of at most 200 characters", "text");
                return def;
            }
            return s;
        }

        Iterable<Map.Entry<String, Object>> object(JsonObject json, String field) {
            Object v = json.getValue(field);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof JsonObject o)) {
                add(field, "must be a JSON object of run options", "{\"key\": value, ...}");
                return List.of();
            }
            return o;
        }

        long integer(JsonObject json, String field, long def, long min, long max) {
            Object v = json.getValue(field);
            if (v == null) {
                return def;
            }
            if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < min || ((Number) v).longValue() > max) {
                add(field, "'" + v + "' is not an integer in range", "integer" + (min == Integer.MIN_VALUE ? "" : " >= " + min));
                return def;
            }
            return ((Number) v).longValue();
        }

        RandomAxis randomAxis(String field, Object raw) {
            if (!(raw instanceof JsonObject o)) {
                add(field, "must be an object with 'dist'", "{\"dist\": \"uniform|loguniform\", \"min\": a, \"max\": b} or {\"dist\": \"choice\", \"values\": [...]}");
                return null;
            }
            String dist = o.getValue("dist") instanceof String s ? s : null;
            if (dist == null || !RandomAxis.DISTRIBUTIONS.contains(dist)) {
                add(field + ".dist", "'" + o.getValue("dist") + "' is not a distribution", String.join("|", RandomAxis.DISTRIBUTIONS));
                return null;
            }
            List<String> allowedKeys = dist.equals("choice") ? List.of("dist", "values") : List.of("dist", "min", "max");
            List<String> extra = o.fieldNames().stream().filter(k -> !allowedKeys.contains(k)).sorted().toList();
            if (!extra.isEmpty()) {
                add(field, "unknown field" + (extra.size() > 1 ? "s " : " ") + quoted(extra) + " for dist " + dist, String.join(", ", allowedKeys));
                return null;
            }
            if (dist.equals("choice")) {
                if (!(o.getValue("values") instanceof JsonArray a) || a.isEmpty()) {
                    add(field + ".values", "must be a non-empty array", "[value, ...]");
                    return null;
                }
                return RandomAxis.choice(new ArrayList<>(a.getList()));
            }
            if (!(o.getValue("min") instanceof Number min) || !(o.getValue("max") instanceof Number max)) {
                add(field, "needs numeric 'min' and 'max'", "{\"dist\": \"" + dist + "\", \"min\": a, \"max\": b}");
                return null;
            }
            if (min.doubleValue() > max.doubleValue() || (dist.equals("loguniform") && min.doubleValue() <= 0)) {
                add(field, "min " + min + " and max " + max + " are not a valid range for " + dist,
                        dist.equals("loguniform") ? "0 < min <= max" : "min <= max");
                return null;
            }
            return new RandomAxis(dist, min.doubleValue(), max.doubleValue(), List.of());
        }

        SweepSpec build(String name, Map<String, Object> base, Map<String, List<Object>> grid, Map<String, RandomAxis> random,
                        int trials, int maxParallel, int priority, long seed) {
            grid.keySet().stream().filter(random::containsKey).forEach(k ->
                    add(k, "'" + k + "' is both a grid and a random axis", "one axis per option"));
            if (!list.isEmpty()) {
                throw new SweepException("INVALID_REQUEST", "the sweep request is malformed: "
                        + String.join("; ", list.stream().map(ConfigProblem::oneLine).toList()), list);
            }
            return new SweepSpec(name, base, grid, random, trials, maxParallel, priority, seed);
        }
    }
}
