#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: it parses, names the app id and command, runs on
the GNOME runtime, builds this checkout with meson as its last module, and
opens no more of the sandbox than the desktop needs.

usage: check-flatpak-manifest.py MANIFEST APP_ID
"""

import json
import sys

COMMAND = 'agentdesk'
# Network for the switch, a display (Wayland, X11 only where Wayland is
# missing), shared memory for X11 and the GPU. Notifications and the keyring
# go through portals, which need no hole.
REQUIRED_ARGS = {
    '--share=network',
    '--socket=wayland',
    '--socket=fallback-x11',
}
ALLOWED_ARGS = REQUIRED_ARGS | {
    '--share=ipc',
    '--device=dri',
}


def problems(manifest, app_id):
    if manifest.get('id', manifest.get('app-id')) != app_id:
        yield f'id is {manifest.get("id")!r}, not {app_id!r}'
    if manifest.get('command') != COMMAND:
        yield f'command is {manifest.get("command")!r}, not {COMMAND!r}'
    if manifest.get('runtime') != 'org.gnome.Platform':
        yield f'runtime is {manifest.get("runtime")!r}, not org.gnome.Platform'
    if manifest.get('sdk') != 'org.gnome.Sdk':
        yield f'sdk is {manifest.get("sdk")!r}, not org.gnome.Sdk'
    if not isinstance(manifest.get('runtime-version'), str):
        yield 'runtime-version must be a string'

    args = manifest.get('finish-args', [])
    for arg in sorted(REQUIRED_ARGS - set(args)):
        yield f'finish-args lack {arg}'
    for arg in args:
        if arg not in ALLOWED_ARGS:
            yield f'finish-args open a hole the desktop does not need: {arg}'

    modules = manifest.get('modules', [])
    if not modules or not isinstance(modules[-1], dict):
        yield 'no inline module builds the project'
        return
    project = modules[-1]
    if project.get('name') != 'agentdesk':
        yield f'the last module is {project.get("name")!r}, not agentdesk'
    if project.get('buildsystem') != 'meson':
        yield 'the project module does not build with meson'
    if any(opt.startswith('-Dapp=') and opt != '-Dapp=true'
           for opt in project.get('config-opts', [])):
        yield 'the project module turns the desktop off'
    sources = project.get('sources', [])
    if not any(s.get('type') == 'dir' and s.get('path') == '..' for s in sources):
        yield 'the project module does not build the local checkout (dir "..")'
    for pattern in manifest.get('cleanup', []) + project.get('cleanup', []):
        if pattern.startswith('/bin') or pattern in ('*', 'agentdesk', 'agentdesk-switch'):
            yield f'cleanup removes the binaries: {pattern}'


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{path}: {e}')
        return 1
    found = list(problems(manifest, app_id))
    for p in found:
        print(f'{path}: {p}')
    if found:
        return 1
    print(f'{path}: {app_id} runs {COMMAND} with {" ".join(manifest["finish-args"])}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
