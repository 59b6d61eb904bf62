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
      failed=0
      # Leaks need whole allocation stacks (Debian's libraries have no frame
      # pointers), so the suppressions can name the library that leaks...
      export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:print_stacktrace=1:fast_unwind_on_malloc=0"
      run_suite "$asan" --timeout-multiplier 4 --no-suite gui || failed=1
      # ...but that slow unwinding deadlocks in Mesa's threads under GTK (in
      # libgcc's unwinder lock), so the tests that start GTK (suite 'gui')
      # run without leak checks: memory errors and undefined behaviour are
      # still fatal.
      export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:print_stacktrace=1"
      run_suite "$asan" --timeout-multiplier 4 --suite gui --logbase testlog-gui || failed=1
      exit $failed
    ) || status=$?

    python3 build-aux/test-summary.py "$build/meson-logs/testlog.json" \
      "$asan/meson-logs/testlog.json" "$asan/meson-logs/testlog-gui.json" || true
    exit $status
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
