#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Formats each man page with every groff warning turned on: any warning (an
# unknown macro, a bad escape, a line that cannot be set) fails.
#
# usage: check-man-pages.sh PAGE...
set -eu

status=0
for page in "$@"; do
  out=$(LC_ALL=C.UTF-8 groff -t -man -ww -z "$page" 2>&1) || status=1
  if [ -n "$out" ]; then
    echo "$page:"
    echo "$out"
    status=1
  else
    echo "$page: formats cleanly"
  fi
done

exit $status
