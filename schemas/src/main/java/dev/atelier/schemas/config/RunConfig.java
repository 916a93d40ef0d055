package dev.atelier.schemas.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully resolved, validated run configuration: every option of {@link RunOptions} has a typed value.
 * Build one with {@link #resolve(Map)}; values may be strings as typed on a command line
 * ({@code "0.001"}, {@code "256,128"}) or JSON values (numbers, booleans, arrays).
 */
public final class RunConfig {
    private final Map<String, Object> values;

    private RunConfig(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Defaults for everything. */
    public static RunConfig defaults() {
        return resolve(Map.of());
    }

    /**
     * Validates {@code overrides} against the option definitions and fills in defaults (and preset values).
     *
     * @throws ConfigException listing every unknown key and bad value
     */
    public static RunConfig resolve(Map<String, ?> overrides) {
        List<ConfigProblem> problems = validate(overrides);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionDef def : RunOptions.ALL) {
            values.put(def.key(), def.defaultValue());
        }
        Object preset = overrides.get("preset");
        if (preset != null) {
            Map<String, Object> presetValues = RunOptions.PRESETS.getOrDefault(ValueParser.parse(RunOptions.find("preset").orElseThrow(), preset), Map.of());
            values.putAll(presetValues);
        }
        overrides.forEach((key, raw) -> values.put(key, ValueParser.parse(RunOptions.find(key).orElseThrow(), raw)));
        return new RunConfig(values);
    }

    /** Every problem in {@code overrides}; empty when it is valid. Never throws. */
    public static List<ConfigProblem> validate(Map<String, ?> overrides) {
        List<ConfigProblem> problems = new ArrayList<>();
        overrides.forEach((key, raw) -> {
            var def = RunOptions.find(key);
            if (def.isEmpty()) {
                problems.add(new ConfigProblem(key, "unknown option '" + key + "'; did you mean '" + RunOptions.closest(key) + "'?",
                        "see './atelier train --help' for all options"));
                return;
            }
            String problem = ValueParser.check(def.get(), raw);
            if (problem != null) {
                problems.add(new ConfigProblem(key, problem, def.get().allowed()));
            }
        });
        return problems;
    }

    public static RunConfig fromJson(JsonObject json) {
        return resolve(json.getMap());
    }

    public Object get(String key) {
        requireKnown(key);
        return values.get(key);
    }

    public int getInt(String key) {
        return ((Number) get(key)).intValue();
    }

    public double getDouble(String key) {
        return ((Number) get(key)).doubleValue();
    }

    public boolean getBool(String key) {
        return (Boolean) get(key);
    }

    public String getString(String key) {
        return (String) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String key) {
        return (List<Integer>) get(key);
    }

    /** A copy with some values replaced (validated). */
    public RunConfig with(Map<String, ?> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(changes);
        merged.remove("preset");
        RunConfig resolved = resolve(merged);
        Map<String, Object> v = new LinkedHashMap<>(resolved.values);
        v.put("preset", values.get("preset"));
        return new RunConfig(v);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    /** Only the values that differ from the defaults, for compact display. */
    public Map<String, Object> nonDefaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionDef def : RunOptions.ALL) {
            if (!def.defaultValue().equals(values.get(def.key()))) {
                out.put(def.key(), values.get(def.key()));
            }
        }
        return out;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        values.forEach((k, v) -> json.put(k, v instanceof List<?> l ? new JsonArray(new ArrayList<>(l)) : v));
        return json;
    }

    /** {@code key=value} lines, one per option, in definition order. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> sb.append(k).append('=').append(ValueParser.format(v)).append('\n'));
        return sb.toString();
    }

    private static void requireKnown(String key) {
        if (RunOptions.find(key).isEmpty()) {
            throw new IllegalArgumentException("no such run option: " + key);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunConfig other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toJson().encode();
    }
}
