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

case "$what" in
  demo)
    # The desktop with its own demo contact center, from the build tree.
    exec "$build/src/app/run" --demo
    ;;
  test)
    status=0
    xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
      meson test -C "$build" --print-errorlogs --num-processes 2 || status=$?
    python3 build-aux/test-summary.py "$build/meson-logs/testlog.json" || true
    exit $status
    ;;
  *)
    echo "usage: $0 demo|test" >&2
    exit 2
    ;;
esac
