#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that a man page documents exactly the options its program takes:
every option `PROGRAM --help-all` lists has an entry under OPTIONS, with the
same short form if it has one, and every entry there is an option the program
has. GOption's own --help* options are left out of both sides.

usage: check-man-options.py MAN_PAGE PROGRAM
"""

import re
import subprocess
import sys

HELP_OPTION = re.compile(r'^\s+(?:-(\w), )?--([a-z][a-z0-9-]*)', re.M)
MAN_OPTION = re.compile(r'\\-\\-([a-z][a-z0-9\\-]*)')
MAN_SHORT_OPTION = re.compile(r'(?<![\\\w])\\-(\w)\b')


def program_options(program):
    """Each long option of PROGRAM --help-all, with its short form or None."""
    out = subprocess.run([program, '--help-all'], check=True, capture_output=True,
                         text=True, timeout=60).stdout
    return {long: short or None for short, long in HELP_OPTION.findall(out)
            if not long.startswith('help')}


def man_options(page):
    """The options named on the tag line of each .TP entry under OPTIONS,
    each with the short option on the same line, or None."""
    options = {}
    section = None
    lines = open(page, encoding='utf-8').read().splitlines()
    for i, line in enumerate(lines):
        if line.startswith('.SH '):
            section = line[4:].strip().strip('"')
        elif section == 'OPTIONS' and line.startswith('.TP') and i + 1 < len(lines):
            tag = lines[i + 1]
            shorts = MAN_SHORT_OPTION.findall(tag)
            for name in MAN_OPTION.findall(tag):
                name = name.replace('\\-', '-')
                if not name.startswith('help'):
                    options[name] = shorts[0] if len(shorts) == 1 else None
    return options


def main():
    page, program = sys.argv[1], sys.argv[2]
    have = program_options(program)
    documented = man_options(page)
    failed = not have
    if not have:
        print(f'{program} --help-all lists no options')
    for name in sorted(have.keys() - documented.keys()):
        print(f'{page}: --{name} is an option of {program} but has no entry under OPTIONS')
        failed = True
    for name in sorted(documented.keys() - have.keys()):
        print(f'{page}: --{name} has an entry under OPTIONS but {program} has no such option')
        failed = True
    def spelled(short):
        return f'-{short}' if short else 'no short form'

    for name in sorted(have.keys() & documented.keys()):
        if have[name] != documented[name]:
            print(f'{page}: --{name} has {spelled(have[name])} in {program} '
                  f'but {spelled(documented[name])} in the page')
            failed = True
    if failed:
        return 1
    print(f'{page}: documents all {len(have)} options: '
          + ' '.join(f'-{s}/--{n}' if s else f'--{n}' for n, s in sorted(have.items())))
    return 0


if __name__ == '__main__':
    sys.exit(main())
