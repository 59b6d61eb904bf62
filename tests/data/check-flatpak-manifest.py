#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: it parses, names the app id and command, runs on
the GNOME runtime, builds this checkout with meson as its last module (which
installs both agentdesk and agentdesk-switch), and opens no more of the
sandbox than the desktop needs.

usage: check-flatpak-manifest.py MANIFEST APP_ID
"""

import json
import pathlib
import re
import sys

COMMAND = 'agentdesk'
PROGRAMS = ('agentdesk', 'agentdesk-switch')
# Network for the switch, a display (Wayland, X11 only where Wayland is
# missing), shared memory for X11 and the GPU. Notifications (GNotification)
# and the keyring (libsecret >= 0.20, in the GNOME runtime) go through the
# notification and secret portals, which every sandbox may reach: they need
# no --talk-name, and org.freedesktop.secrets would hand out every
# application's passwords.
REQUIRED_ARGS = {
    '--share=network',
    '--socket=wayland',
    '--socket=fallback-x11',
}
ALLOWED_ARGS = REQUIRED_ARGS | {
    '--share=ipc',
    '--device=dri',
}
# The history and the build directories of build-aux/dev.sh stay out of the
# copy of the checkout (flatpak-builder leaves out its own build and state
# directories by itself).
SKIPPED = {'.git', '_build', '_build-asan'}
BUILDSYSTEMS = {'autotools', 'cmake', 'cmake-ninja', 'meson', 'simple', 'qmake'}


def installed_programs(source_root):
    """The names of the executables the meson files install."""
    names = set()
    for build_file in source_root.glob('src/**/meson.build'):
        text = build_file.read_text(encoding='utf-8')
        for match in re.finditer(r"executable\(\s*'([^']+)'(.*?)\n\)", text, re.S):
            if re.search(r'install\s*:\s*true', match.group(2)):
                names.add(match.group(1))
    return names


def module_problems(modules, manifest_dir):
    if not modules:
        yield 'no modules'
        return
    for module in modules:
        if isinstance(module, str):
            # A module kept in its own file, relative to the manifest.
            if not (manifest_dir / module).is_file():
                yield f'module file {module} does not exist'
            continue
        name = module.get('name')
        if not name:
            yield 'a module has no name'
        if module.get('buildsystem', 'autotools') not in BUILDSYSTEMS:
            yield f'module {name} has an unknown buildsystem {module.get("buildsystem")!r}'
        if not module.get('sources'):
            yield f'module {name} has no sources'


def project_problems(project, source_root):
    if not isinstance(project, dict):
        yield 'the last module is not the project inline'
        return
    if project.get('name') != 'agentdesk':
        yield f'the last module is {project.get("name")!r}, not agentdesk'
    if project.get('buildsystem') != 'meson':
        yield 'the project module does not build with meson'
    if any(opt.startswith('-Dapp=') and opt != '-Dapp=true'
           for opt in project.get('config-opts', [])):
        yield 'the project module turns the desktop off'
    checkouts = [s for s in project.get('sources', [])
                 if s.get('type') == 'dir' and s.get('path') == '..']
    if not checkouts:
        yield 'the project module does not build the local checkout (dir "..")'
    for source in checkouts:
        for name in sorted(SKIPPED - set(source.get('skip', []))):
            yield f'the checkout is copied with {name}'
    for program in PROGRAMS:
        if program not in installed_programs(source_root):
            yield f'the meson build does not install {program}'


def problems(manifest, app_id, manifest_path):
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
    yield from module_problems(modules, manifest_path.parent)
    if modules:
        yield from project_problems(modules[-1], manifest_path.parent.parent)

    for pattern in manifest.get('cleanup', []) + (
            modules[-1].get('cleanup', []) if modules and isinstance(modules[-1], dict) else []):
        if pattern.startswith('/bin') or pattern in ('*',) + PROGRAMS:
            yield f'cleanup removes the programs: {pattern}'


def main():
    path, app_id = pathlib.Path(sys.argv[1]), sys.argv[2]
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{path}: {e}')
        return 1
    found = list(problems(manifest, app_id, path))
    for p in found:
        print(f'{path}: {p}')
    if found:
        return 1
    print(f'{path}: {app_id} runs {COMMAND} with {" ".join(manifest["finish-args"])}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
