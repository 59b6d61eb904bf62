#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints one closing line for one or more meson test runs: 'N passed, N failed'.

Each argument is a testlog.json; with several (the normal and the sanitizer
build), a line per run comes first, then the combined line last."""
import json
import sys


def count(path):
    passed = failed = skipped = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped


def line(passed, failed, skipped):
    return f"{passed} passed, {failed} failed, {skipped} skipped"


totals = [0, 0, 0]
for path in sys.argv[1:]:
    figures = count(path)
    totals = [t + f for t, f in zip(totals, figures)]
    if len(sys.argv) > 2:
        print(f"{path}: {line(*figures)}")

print(line(*totals))
