package dev.atelier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a flat map of run options from a YAML or JSON file. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    /** @throws IllegalArgumentException naming the file when it is missing, unparsable or not a flat map */
    static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        String name = file.getFileName().toString().toLowerCase();
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try {
            Object parsed = mapper.readValue(file.toFile(), Object.class);
            if (parsed == null) {
                return Map.of();
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("--config " + file + ": expected a map of option: value, got " + parsed.getClass().getSimpleName());
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": cannot parse (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
