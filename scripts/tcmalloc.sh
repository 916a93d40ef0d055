# Sourced by ./atelier and bench/speed.sh: where tcmalloc lives, so one list of paths decides what both preload.
# atelier_tcmalloc prints the path of libtcmalloc_minimal.so.4 and succeeds, or prints nothing and fails when it is not
# installed (apt-get install libtcmalloc-minimal4) or ATELIER_MALLOC=system asks for glibc's allocator.
atelier_tcmalloc() {
  [[ "${ATELIER_MALLOC:-auto}" == system ]] && return 1
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 /usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4 \
             /usr/lib64/libtcmalloc_minimal.so.4 /usr/lib/libtcmalloc_minimal.so.4; do
    if [[ -f "$lib" ]]; then
      echo "$lib"
      return 0
    fi
  done
  return 1
}
