#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the application icons: the full-color one is a 128×128 SVG, the
symbolic one a 16×16 SVG drawn in the single symbolic color, and neither
depends on fonts, bitmaps or files outside itself.

usage: check-icons.py FULL_COLOR_SVG SYMBOLIC_SVG
"""

import re
import sys
import xml.etree.ElementTree as ET

SVG = '{http://www.w3.org/2000/svg}'
XLINK_HREF = '{http://www.w3.org/1999/xlink}href'
SYMBOLIC_COLOR = '#2e3436'


def painted_colors(element):
    style = dict(
        part.split(':', 1) for part in element.get('style', '').split(';') if ':' in part)
    for name in ('fill', 'stroke', 'stop-color'):
        value = element.get(name, style.get(name))
        if value is not None:
            yield name, value.strip().lower()


def check(path, size, symbolic):
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        yield str(e)
        return
    if root.tag != SVG + 'svg':
        yield 'the root element is not <svg>'
        return
    for attr in ('width', 'height'):
        if root.get(attr) != str(size):
            yield f'{attr} is {root.get(attr)!r}, not {size}'
    if root.get('viewBox') != f'0 0 {size} {size}':
        yield f'viewBox is {root.get("viewBox")!r}, not "0 0 {size} {size}"'

    for element in root.iter():
        tag = element.tag.replace(SVG, '')
        if tag in ('text', 'image', 'foreignObject'):
            yield f'<{tag}> needs fonts or files the icon cannot rely on'
        for attr in ('href', XLINK_HREF):
            ref = element.get(attr)
            if ref is not None and not ref.startswith('#'):
                yield f'refers to {ref!r} outside the icon'
        for name, value in painted_colors(element):
            if re.match(r'url\((?!#)', value):
                yield f'{name} refers to {value!r} outside the icon'
            if symbolic and value not in (SYMBOLIC_COLOR, 'none'):
                yield f'{name}="{value}": a symbolic icon is drawn in {SYMBOLIC_COLOR} only'
        if symbolic and tag in ('linearGradient', 'radialGradient'):
            yield 'a symbolic icon has no gradients'

    if symbolic and not any(v == SYMBOLIC_COLOR
                            for e in root.iter() for _, v in painted_colors(e)):
        yield f'nothing is drawn in {SYMBOLIC_COLOR}'


def main():
    failed = False
    for path, size, symbolic in ((sys.argv[1], 128, False), (sys.argv[2], 16, True)):
        found = list(check(path, size, symbolic))
        for p in found:
            print(f'{path}: {p}')
        failed = failed or bool(found)
        if not found:
            print(f'{path}: a {size}×{size} {"symbolic" if symbolic else "full-color"} icon')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
