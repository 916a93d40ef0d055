package dev.atelier.schemas.config;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns raw option values (command-line strings or JSON values) into typed values, with checks. */
final class ValueParser {

    private ValueParser() {
    }

    /** The problem with {@code raw} for {@code def}, or null when it is acceptable. */
    static String check(OptionDef def, Object raw) {
        Object value;
        try {
            value = parse(def, raw);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return switch (def.type()) {
            case INT, FLOAT -> rangeProblem(def, ((Number) value).doubleValue(), "'" + format(raw) + "'");
            case INT_LIST -> {
                @SuppressWarnings("unchecked") List<Integer> list = (List<Integer>) value;
                if (list.isEmpty()) {
                    yield "'" + format(raw) + "' is empty";
                }
                for (int element : list) {
                    String p = rangeProblem(def, element, "element " + element);
                    if (p != null) {
                        yield p;
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    private static String rangeProblem(OptionDef def, double v, String what) {
        if (def.min() != null && v < def.min()) {
            return what + " is below the minimum";
        }
        if (def.max() != null && v > def.max()) {
            return what + " is above the maximum";
        }
        return null;
    }

    /** Parses to Integer, Double, Boolean, String or List&lt;Integer&gt;; throws with a readable reason. */
    static Object parse(OptionDef def, Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException("missing value");
        }
        if (raw instanceof JsonArray array) {
            raw = array.getList();
        }
        String text = raw instanceof List<?> ? null : raw.toString().trim();
        switch (def.type()) {
            case INT -> {
                if (raw instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    return n.intValue();
                }
                try {
                    return Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not an integer");
                }
            }
            case FLOAT -> {
                if (raw instanceof Number n) {
                    return finite(n.doubleValue(), text);
                }
                try {
                    return finite(Double.parseDouble(text), text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + text + "' is not a number");
                }
            }
            case BOOL -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> true;
                    case "false", "no", "off", "0" -> false;
                    default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
                };
            }
            case CHOICE -> {
                String v = text.toLowerCase(Locale.ROOT);
                if (!def.choices().contains(v)) {
                    throw new IllegalArgumentException("'" + text + "' is not one of the choices");
                }
                return v;
            }
            case STRING -> {
                return text;
            }
            case INT_LIST -> {
                List<Integer> out = new ArrayList<>();
                List<?> items = raw instanceof List<?> l ? l : List.of((Object[]) text.split(","));
                for (Object item : items) {
                    String s = item.toString().trim();
                    if (s.isEmpty()) {
                        continue;
                    }
                    try {
                        out.add(item instanceof Number n ? n.intValue() : Integer.parseInt(s));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + s + "' in '" + format(raw) + "' is not an integer");
                    }
                }
                return List.copyOf(out);
            }
            default -> throw new IllegalStateException(def.type().name());
        }
    }

    private static double finite(double v, String text) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("'" + text + "' is not a finite number");
        }
        return v;
    }

    static String format(Object v) {
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object o : l) {
                sb.append(sb.length() == 0 ? "" : ",").append(o);
            }
            return sb.toString();
        }
        return String.valueOf(v);
    }
}
