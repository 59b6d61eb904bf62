#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that po/POTFILES.in lists exactly the files with translatable strings.

A file is translatable when it is C under src/ that marks strings with _(),
N_(), C_(), NC_(), Q_() or one of the ngettext family; a GtkBuilder .ui file
under src/ or data/ with translatable="yes"; or a desktop file template,
AppStream metainfo template or GSettings schema under data/. A file listed but
without such strings (or gone) is stale; one with strings but not listed is
missing. Either fails the check.

usage: check-potfiles.py SOURCE_ROOT
"""

import pathlib
import re
import sys

C_MARKS = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_)\s*\('
    r'|(?<![A-Za-z0-9_])(?:g_d?ngettext|g_dpgettext2?|d?ngettext)\s*\(')
UI_MARK = re.compile(r'translatable\s*=\s*"(?:yes|true)"')
DATA_PATTERNS = ('*.desktop.in', '*.metainfo.xml.in', '*.gschema.xml')


C_TOKENS = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|/\*.*?\*/|//[^\n]*', re.S)


def strip_c_comments(text):
    """Drops comments (not string literals) so that "/* use _() */" does not count."""
    return C_TOKENS.sub(lambda m: m.group(0) if m.group(0)[0] in '"\'' else ' ', text)


def has_strings(path):
    if path.suffix in ('.c', '.h'):
        return bool(C_MARKS.search(strip_c_comments(path.read_text(encoding='utf-8'))))
    if path.suffix == '.ui':
        return bool(UI_MARK.search(path.read_text(encoding='utf-8')))
    return any(path.match(p) for p in DATA_PATTERNS)


def candidates(root):
    for sub in ('src', 'data'):
        base = root / sub
        if not base.is_dir():
            continue
        for path in sorted(base.rglob('*')):
            if not path.is_file():
                continue
            if path.suffix in ('.c', '.h', '.ui') or any(path.match(p) for p in DATA_PATTERNS):
                yield path


def listed(root):
    names = []
    for line in (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            names.append(line)
    return names


def main():
    root = pathlib.Path(sys.argv[1]).resolve()
    names = listed(root)
    failed = False

    duplicates = sorted({n for n in names if names.count(n) > 1})
    for name in duplicates:
        print(f'listed twice in po/POTFILES.in: {name}')
        failed = True

    wanted = {str(p.relative_to(root)) for p in candidates(root) if has_strings(p)}
    for name in sorted(wanted - set(names)):
        print(f'missing from po/POTFILES.in (has translatable strings): {name}')
        failed = True
    for name in sorted(set(names) - wanted):
        path = root / name
        why = 'has no translatable strings' if path.is_file() else 'does not exist'
        print(f'stale in po/POTFILES.in ({why}): {name}')
        failed = True

    if failed:
        return 1
    print(f'po/POTFILES.in lists all {len(wanted)} files with translatable strings')
    return 0


if __name__ == '__main__':
    sys.exit(main())
