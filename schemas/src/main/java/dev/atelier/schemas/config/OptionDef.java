package dev.atelier.schemas.config;

import java.util.List;

/**
 * One run option: its type, default, allowed range and help text. Defined once in {@link RunOptions};
 * the CLI, the worker, the orchestrator's sweep validation and the dashboard's form all read these.
 *
 * @param min inclusive lower bound for INT/FLOAT (and for each INT_LIST element), or null
 * @param max inclusive upper bound, or null
 * @param choices allowed values for CHOICE, empty otherwise
 * @param group where the option belongs (data, model, optimizer, schedule, run, gan) for help and forms
 */
public record OptionDef(String key, OptionType type, Object defaultValue, Double min, Double max,
                        List<String> choices, String help, String group) {

    public OptionDef {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    static OptionDef intOpt(String key, int def, Integer min, Integer max, String group, String help) {
        return new OptionDef(key, OptionType.INT, def, min == null ? null : min.doubleValue(),
                max == null ? null : max.doubleValue(), List.of(), help, group);
    }

    static OptionDef floatOpt(String key, double def, Double min, Double max, String group, String help) {
        return new OptionDef(key, OptionType.FLOAT, def, min, max, List.of(), help, group);
    }

    static OptionDef boolOpt(String key, boolean def, String group, String help) {
        return new OptionDef(key, OptionType.BOOL, def, null, null, List.of(), help, group);
    }

    static OptionDef choiceOpt(String key, String def, List<String> choices, String group, String help) {
        return new OptionDef(key, OptionType.CHOICE, def, null, null, choices, help, group);
    }

    static OptionDef stringOpt(String key, String def, String group, String help) {
        return new OptionDef(key, OptionType.STRING, def, null, null, List.of(), help, group);
    }

    static OptionDef intListOpt(String key, List<Integer> def, Integer min, Integer max, String group, String help) {
        return new OptionDef(key, OptionType.INT_LIST, def, min == null ? null : min.doubleValue(),
                max == null ? null : max.doubleValue(), List.of(), help, group);
    }

    /** Human-readable description of what values are allowed, used in error messages and docs. */
    public String allowed() {
        return switch (type) {
            case CHOICE -> String.join("|", choices);
            case BOOL -> "true|false";
            case STRING -> "text";
            case INT, FLOAT, INT_LIST -> {
                String kind = type == OptionType.INT_LIST ? "comma-separated integers" : type == OptionType.INT ? "integer" : "number";
                if (min != null && max != null) yield kind + " in [" + fmt(min) + ", " + fmt(max) + "]";
                if (min != null) yield kind + " >= " + fmt(min);
                if (max != null) yield kind + " <= " + fmt(max);
                yield kind;
            }
        };
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
