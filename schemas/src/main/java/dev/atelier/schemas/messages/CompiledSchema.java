package dev.atelier.schemas.messages;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fast, strict pre-check compiled from one of our JSON Schema files, for the subset of keywords they use
 * (type, properties, required, additionalProperties, items, min/maxItems, minimum, maximum, min/maxLength, enum,
 * pattern, format uuid/date-time). It only ever answers "certainly valid": {@link MessageCodec} still asks the full
 * vertx-json-schema validator whenever this check says no (and for its error messages), and a schema with any other
 * keyword is not compiled at all ({@link #compile} returns null). So it may be stricter than the schema, never looser.
 */
final class CompiledSchema {
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "title", "description");
    private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private interface Check {
        boolean ok(Object value);
    }

    private final List<Check> checks;

    private CompiledSchema(List<Check> checks) {
        this.checks = checks;
    }

    /** The pre-check for {@code schema}, or null when it uses a keyword this class does not implement. */
    static CompiledSchema compile(JsonObject schema) {
        try {
            return new CompiledSchema(checks(schema));
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** True only when {@code value} certainly satisfies the schema. */
    boolean certainlyValid(Object value) {
        for (Check c : checks) {
            if (!c.ok(value)) {
                return false;
            }
        }
        return true;
    }

    private static List<Check> checks(JsonObject schema) {
        List<Check> checks = new ArrayList<>();
        for (String key : schema.fieldNames()) {
            Object arg = schema.getValue(key);
            if (ANNOTATIONS.contains(key)) {
                continue;
            }
            if (key.equals("properties") || key.equals("required") || key.equals("additionalProperties")) {
                continue; // checked together by object(...)
            }
            checks.add(keyword(key, arg));
        }
        if (schema.containsKey("properties") || schema.containsKey("required") || schema.containsKey("additionalProperties")) {
            checks.add(object(schema));
        }
        return checks;
    }

    private static Check keyword(String key, Object arg) {
        switch (key) {
            case "type":
                return type(arg);
            case "items":
                return items(schemaArg(arg));
            case "minItems": {
                int min = intArg(arg);
                return v -> !(v instanceof JsonArray a) || a.size() >= min;
            }
            case "maxItems": {
                int max = intArg(arg);
                return v -> !(v instanceof JsonArray a) || a.size() <= max;
            }
            case "minimum": {
                double min = numberArg(arg);
                return v -> !(v instanceof Number n) || exact(n) && n.doubleValue() >= min;
            }
            case "maximum": {
                double max = numberArg(arg);
                return v -> !(v instanceof Number n) || exact(n) && n.doubleValue() <= max;
            }
            case "minLength": {
                int min = intArg(arg);
                return v -> !(v instanceof String s) || s.codePointCount(0, s.length()) >= min;
            }
            case "maxLength": {
                int max = intArg(arg);
                return v -> !(v instanceof String s) || s.length() <= max; // UTF-16 units >= code points: stricter
            }
            case "enum":
                return enumeration(arg);
            case "pattern": {
                Pattern p = Pattern.compile((String) arg);
                // Java's '$' also matches before a final line break, ECMA's does not: leave such strings to the full check
                return v -> !(v instanceof String s) || s.indexOf('\n') < 0 && s.indexOf('\r') < 0 && p.matcher(s).find();
            }
            case "format":
                return format(arg);
            default:
                throw new UnsupportedOperationException(key);
        }
    }

    /** Integers beyond 2^53 lose precision as doubles: leave them to the full check. */
    private static boolean exact(Number n) {
        return n instanceof Integer || n instanceof Double || n instanceof Long l && Math.abs(l) < (1L << 53);
    }

    private static Check object(JsonObject schema) {
        Map<String, CompiledSchema> properties = new HashMap<>();
        JsonObject props = schemaArg(schema.getValue("properties", new JsonObject()));
        props.fieldNames().forEach(name -> properties.put(name, new CompiledSchema(checks(schemaArg(props.getValue(name))))));
        Object extraArg = schema.getValue("additionalProperties", true);
        CompiledSchema extra = extraArg instanceof Boolean b ? (b ? new CompiledSchema(List.of()) : null)
                : new CompiledSchema(checks(schemaArg(extraArg)));
        Object requiredArg = schema.getValue("required", new JsonArray());
        if (!(requiredArg instanceof JsonArray)) {
            throw new UnsupportedOperationException("required");
        }
        List<String> required = ((JsonArray) requiredArg).stream().map(String.class::cast).toList();
        return v -> {
            if (!(v instanceof JsonObject o)) {
                return true;
            }
            for (String name : required) {
                if (o.getValue(name) == null) {
                    return false; // absent, or a null that only the full validator may judge
                }
            }
            for (String name : o.fieldNames()) {
                CompiledSchema s = properties.getOrDefault(name, extra);
                if (s == null || !s.certainlyValid(o.getValue(name))) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Check type(Object arg) {
        List<String> types = arg instanceof JsonArray a ? a.stream().map(String.class::cast).toList() : List.of((String) arg);
        for (String t : types) {
            if (!Set.of("object", "array", "string", "number", "integer", "boolean", "null").contains(t)) {
                throw new UnsupportedOperationException("type " + t);
            }
        }
        boolean object = types.contains("object");
        boolean array = types.contains("array");
        boolean string = types.contains("string");
        boolean number = types.contains("number");
        boolean integer = number || types.contains("integer");
        boolean bool = types.contains("boolean");
        boolean nul = types.contains("null");
        return v -> v instanceof String ? string
                : v instanceof Integer || v instanceof Long ? integer
                : v instanceof Double d ? number && Double.isFinite(d)
                : v instanceof JsonObject ? object
                : v instanceof JsonArray ? array
                : v instanceof Boolean ? bool
                : v == null && nul;
    }

    private static Check items(JsonObject itemSchema) {
        CompiledSchema item = new CompiledSchema(checks(itemSchema));
        return v -> {
            if (!(v instanceof JsonArray a)) {
                return true;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!item.certainlyValid(a.getValue(i))) {
                    return false;
                }
            }
            return true;
        };
    }

    private static Check enumeration(Object arg) {
        if (!(arg instanceof JsonArray values) || !values.stream().allMatch(x -> x instanceof String)) {
            throw new UnsupportedOperationException("enum");
        }
        Set<Object> allowed = Set.copyOf(values.getList());
        return v -> v instanceof String && allowed.contains(v);
    }

    private static Check format(Object arg) {
        return switch ((String) arg) {
            case "uuid" -> v -> !(v instanceof String s) || UUID.matcher(s).matches();
            case "date-time" -> v -> !(v instanceof String s) || dateTime(s);
            default -> throw new UnsupportedOperationException("format " + arg);
        };
    }

    /** RFC 3339 date-time, e.g. 2026-11-29T07:00:00.123456Z or ...+01:00; strict: no leap second, at most 9 fraction digits. */
    static boolean dateTime(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || !inRange(digits(s, 11, 2), 23) || !inRange(digits(s, 14, 2), 59) || !inRange(digits(s, 17, 2), 59)) {
            return false;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 9) {
                return false;
            }
        }
        if (i == n - 1) {
            return s.charAt(i) == 'Z';
        }
        return i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':'
                && inRange(digits(s, i + 1, 2), 23) && inRange(digits(s, i + 4, 2), 59);
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean inRange(int value, int max) {
        return value >= 0 && value <= max;
    }

    private static JsonObject schemaArg(Object arg) {
        if (!(arg instanceof JsonObject o)) {
            throw new UnsupportedOperationException("schema " + arg);
        }
        return o;
    }

    private static int intArg(Object arg) {
        if (!(arg instanceof Integer i)) {
            throw new UnsupportedOperationException("integer " + arg);
        }
        return i;
    }

    private static double numberArg(Object arg) {
        if (!(arg instanceof Integer || arg instanceof Long || arg instanceof Double)) {
            throw new UnsupportedOperationException("number " + arg);
        }
        return ((Number) arg).doubleValue();
    }
}
