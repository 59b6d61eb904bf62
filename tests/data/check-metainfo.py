#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks what `appstreamcli validate` cannot know about the AppStream
metainfo: every screenshot is a file of this repository (software centers
load them from its main branch) with a caption, one of them the default;
the launchable is the desktop file the project installs; the newest release
is the project's version; and the content rating and the branding colors for
both styles are there.

usage: check-metainfo.py METAINFO_TEMPLATE SOURCE_ROOT APP_ID VERSION
"""

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

# Where software centers fetch the repository's files from.
RAW_URL = re.compile(r'^https://raw\.githubusercontent\.com/[^/]+/[^/]+/main/(.+)$')
HEX_COLOR = re.compile(r'^#[0-9a-fA-F]{6}$')


def screenshot_problems(root, source_root):
    shots = root.findall('screenshots/screenshot')
    if not shots:
        yield 'no screenshots'
    defaults = [s for s in shots if s.get('type') == 'default']
    if len(defaults) != 1:
        yield f'{len(defaults)} screenshots are the default, not one'
    for shot in shots:
        images = shot.findall('image')
        if not images:
            yield 'a screenshot has no image'
        for image in images:
            url = (image.text or '').strip()
            match = RAW_URL.match(url)
            if match is None:
                yield f'screenshot {url!r} is not a file of the repository\'s main branch'
                continue
            path = source_root / match.group(1)
            if not path.is_file():
                yield f'screenshot {url} names {match.group(1)}, which does not exist'
            elif path.read_bytes()[:8] != b'\x89PNG\r\n\x1a\n':
                yield f'screenshot {match.group(1)} is not a PNG image'
        caption = shot.find('caption')
        if caption is None or not (caption.text or '').strip():
            yield f'screenshot {images[0].text if images else "?"} has no caption'


def release_problems(root, version):
    releases = root.findall('releases/release')
    if not releases:
        yield 'no releases'
        return
    newest = releases[0]
    if newest.get('version') != version:
        yield f'the newest release is {newest.get("version")!r}, not the project version {version!r}'
    for release in releases:
        if not re.match(r'^\d{4}-\d{2}-\d{2}$', release.get('date', '')):
            yield f'release {release.get("version")} has no date'
        if release.find('description') is None:
            yield f'release {release.get("version")} has no description'


def problems(root, source_root, app_id, version):
    if root.findtext('id') != app_id:
        yield f'id is {root.findtext("id")!r}, not {app_id!r}'

    launchable = root.find('launchable')
    desktop_id = app_id + '.desktop'
    if launchable is None or launchable.get('type') != 'desktop-id' \
            or (launchable.text or '').strip() != desktop_id:
        yield f'the launchable is not the desktop id {desktop_id}'
    elif not (source_root / 'data' / (desktop_id + '.in')).is_file():
        yield f'the launchable {desktop_id} is not built from data/{desktop_id}.in'

    rating = root.find('content_rating')
    if rating is None or rating.get('type') != 'oars-1.1':
        yield 'no OARS 1.1 content rating'

    colors = {c.get('scheme_preference'): (c.text or '').strip()
              for c in root.findall('branding/color') if c.get('type') == 'primary'}
    for scheme in ('light', 'dark'):
        if not HEX_COLOR.match(colors.get(scheme, '')):
            yield f'no primary branding color for the {scheme} style'

    yield from screenshot_problems(root, source_root)
    yield from release_problems(root, version)


def main():
    path, source_root, app_id, version = sys.argv[1:5]
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        print(f'{path}: {e}')
        return 1
    found = list(problems(root, pathlib.Path(source_root), app_id, version))
    for p in found:
        print(f'{path}: {p}')
    if found:
        return 1
    shots = [s.findtext('image').rsplit('/', 1)[-1] for s in root.findall('screenshots/screenshot')]
    print(f'{path}: release {version}, screenshots {", ".join(shots)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
