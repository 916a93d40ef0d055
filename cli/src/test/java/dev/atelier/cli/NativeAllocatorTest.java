package dev.atelier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    @Test
    void namesThePreloadedAllocatorFromTheMappedLibraries() {
        String libc = "7f1c2a000000-7f1c2a028000 r--p 00000000 fe:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6";
        String tcmalloc = "7f1c29e00000-7f1c29e0c000 r-xp 00000000 fe:01 4321 /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
        String jemalloc = "7f1c29c00000-7f1c29c40000 r-xp 00000000 fe:01 9876 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2";
        assertThat(NativeAllocator.fromMaps(List.of(libc))).isEqualTo("glibc malloc");
        assertThat(NativeAllocator.fromMaps(List.of(libc, tcmalloc))).isEqualTo("tcmalloc");
        assertThat(NativeAllocator.fromMaps(List.of(jemalloc, libc))).isEqualTo("jemalloc");
    }

}
