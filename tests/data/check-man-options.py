#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that a man page documents exactly the long options its program
takes: every option `PROGRAM --help-all` lists has an entry under OPTIONS,
and every entry there is an option the program has. GOption's own --help*
options are left out of both sides.

usage: check-man-options.py MAN_PAGE PROGRAM
"""

import re
import subprocess
import sys

HELP_OPTION = re.compile(r'^\s+(?:-\w, )?--([a-z][a-z0-9-]*)', re.M)
MAN_OPTION = re.compile(r'\\-\\-([a-z][a-z0-9\\-]*)')


def program_options(program):
    out = subprocess.run([program, '--help-all'], check=True, capture_output=True,
                         text=True, timeout=60).stdout
    return {o for o in HELP_OPTION.findall(out) if not o.startswith('help')}


def man_options(page):
    """The options named on the tag line of each .TP entry under OPTIONS."""
    options = set()
    section = None
    lines = open(page, encoding='utf-8').read().splitlines()
    for i, line in enumerate(lines):
        if line.startswith('.SH '):
            section = line[4:].strip().strip('"')
        elif section == 'OPTIONS' and line.startswith('.TP') and i + 1 < len(lines):
            for name in MAN_OPTION.findall(lines[i + 1]):
                name = name.replace('\\-', '-')
                if not name.startswith('help'):
                    options.add(name)
    return options


def main():
    page, program = sys.argv[1], sys.argv[2]
    have = program_options(program)
    documented = man_options(page)
    for name in sorted(have - documented):
        print(f'{page}: --{name} is an option of {program} but has no entry under OPTIONS')
    for name in sorted(documented - have):
        print(f'{page}: --{name} has an entry under OPTIONS but {program} has no such option')
    if have != documented:
        return 1
    print(f'{page}: documents all {len(have)} options: --{" --".join(sorted(have))}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
