package dev.atelier.schemas.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code key=value} words as typed on a command line or in a text/plain sweep. */
public final class KeyValueArgs {

    private KeyValueArgs() {
    }

    /**
     * @throws ConfigException when a word has no '=' or an empty key, or a key is repeated
     */
    public static Map<String, String> parse(List<String> words) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String word : words) {
            if (word.isBlank()) {
                continue;
            }
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(new ConfigProblem(word, "expected key=value, got '" + word + "'", "key=value, e.g. lr=0.001"));
            }
            String key = word.substring(0, eq).trim();
            if (out.put(key, word.substring(eq + 1).trim()) != null) {
                throw new ConfigException(new ConfigProblem(key, "'" + key + "' is given more than once", "each key once"));
            }
        }
        return out;
    }
}
