#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks the example systemd units with systemd-analyze verify: any warning
# (an unknown key, a bad value) fails. The units name the installed
# agentdesk-switch, which need not exist here, so each is checked with its
# ExecStart program replaced by /bin/true.
#
# usage: check-systemd-units.sh UNIT...
set -eu

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

for unit in "$@"; do
  copy="$tmp/$(basename "$unit")"
  sed 's|^ExecStart=[^ ]*|ExecStart=/bin/true|' "$unit" > "$copy"
  if ! grep -q '^ExecStart=/bin/true ' "$copy"; then
    echo "$unit: no ExecStart= line with options"
    status=1
    continue
  fi
  if ! systemd-analyze verify --man=no "$copy" > "$tmp/out" 2>&1 || [ -s "$tmp/out" ]; then
    echo "$unit:"
    cat "$tmp/out"
    status=1
  else
    echo "$unit: verified"
  fi
done

exit $status
