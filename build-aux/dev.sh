#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The README's two commands:
#   build-aux/dev.sh demo   install what is missing, build, start the demo
#   build-aux/dev.sh test   install what is missing, build, run every test
set -euo pipefail

cd "$(dirname "$0")/.."
what="${1:-demo}"
build="${BUILD_DIR:-_build}"

bash build-aux/install-deps.sh

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build"
fi
meson compile -C "$build"

# Runs the whole suite of build dir $1 (more meson test options after it)
# under a virtual X server and a private D-Bus session.
run_suite() {
  local dir="$1"
  shift
  xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
    meson test -C "$dir" --print-errorlogs --num-processes 2 "$@"
}

case "$what" in
  demo)
    # The desktop with its own demo contact center, from the build tree.
    exec "$build/src/app/run" --demo
    ;;
  test)
    status=0
    run_suite "$build" || status=$?

    # The whole suite again under AddressSanitizer (with LeakSanitizer) and
    # UBSan: a second build, debug, so the reports point at lines.
    asan="${ASAN_BUILD_DIR:-$build-asan}"
    if [ ! -f "$asan/build.ninja" ]; then
      meson setup "$asan" --buildtype debug -Db_sanitize=address,undefined -Db_lundef=false
    fi
    meson compile -C "$asan"
    (
      export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
      export LSAN_OPTIONS="suppressions=$PWD/build-aux/lsan.supp:print_suppressions=0"
      # Every block from malloc, so LeakSanitizer sees what GLib frees.
      export G_SLICE=always-malloc
      # GTK draws with cairo and never loads Mesa: Mesa's threads deadlock
      # in libgcc's unwinder lock under the slow unwinding below, and
      # software GL under Xvfb is slow under AddressSanitizer anyway.
      export GDK_DEBUG=gl-disable GSK_RENDERER=cairo
      failed=0
      # Leaks need whole allocation stacks (Debian's libraries have no frame
      # pointers), so the suppressions can name the library that leaks.
      # intercept_tls_get_addr=0: GCC 12's sanitizers take the bounds of a
      # block of dynamic thread-local storage that starts 16 bytes into a
      # page from a header glibc 2.19 wrote there and glibc 2.36 does not;
      # LeakSanitizer then crashes ("Tracer caught signal 11") scanning the
      # bogus range, e.g. in a switch whose GnuTLS thread is alive at exit.
      # Without the interceptor it scans those blocks as ld.so's
      # allocations (use_ld_allocations), as before.
      export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:print_stacktrace=1:fast_unwind_on_malloc=0:intercept_tls_get_addr=0"
      run_suite "$asan" --timeout-multiplier 4 --no-suite gtk-file-chooser || failed=1
      # The one test of GTK's file chooser dialog, whose leaks no rule can
      # name (tests/app/meson.build): memory errors and undefined
      # behaviour are still fatal.
      export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
      run_suite "$asan" --timeout-multiplier 4 --suite gtk-file-chooser \
        --logbase testlog-gtk-file-chooser || failed=1
      exit $failed
    ) || status=$?

    python3 build-aux/test-summary.py "$build/meson-logs/testlog.json" \
      "$asan/meson-logs/testlog.json" "$asan/meson-logs/testlog-gtk-file-chooser.json" || true
    exit $status
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
