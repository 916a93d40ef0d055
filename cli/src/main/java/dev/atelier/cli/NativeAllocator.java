package dev.atelier.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which native memory allocator this process runs on, for the headers of benchmarks: {@code ./atelier} preloads tcmalloc
 * when it is installed; with glibc's allocator CPU training was erratically slower, up to 2.9x
 * (docs/engine.md#native-memory-allocator).
 */
final class NativeAllocator {
    private NativeAllocator() {
    }

    /** "tcmalloc", "jemalloc" or "glibc malloc", read from the libraries mapped into this process. */
    static String current() {
        try {
            return fromMaps(Files.readAllLines(Path.of("/proc/self/maps")));
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown (no /proc/self/maps)";
        }
    }

    static String fromMaps(List<String> maps) {
        for (String line : maps) {
            if (line.contains("libtcmalloc")) {
                return "tcmalloc";
            }
            if (line.contains("libjemalloc")) {
                return "jemalloc";
            }
        }
        return "glibc malloc";
    }
}
