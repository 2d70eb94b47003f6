#!/usr/bin/python3
"""Checks what the Flatpak manifest grants and builds.

    check-flatpak-permissions.py MANIFEST APP_ID

The sandbox holds exactly the permissions Marquee needs: network for viewneo, IPC and
display sockets, and the GPU. Notably no talk-name to org.freedesktop.secrets: inside
the sandbox libsecret goes through the Secret portal (or its file backend), and no
filesystem access: exports are saved through the file chooser portal.
"""
import json
import sys

FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
]


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        manifest = json.load(f)
    app_id = sys.argv[2]
    problems = []

    expected = {
        "id": app_id,
        "runtime": "org.gnome.Platform",
        "sdk": "org.gnome.Sdk",
        "command": "marquee",
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            problems.append(f"{key} is {manifest.get(key)!r}, not {value!r}")
    if manifest.get("finish-args") != FINISH_ARGS:
        problems.append(f"finish-args are {manifest.get('finish-args')}, not {FINISH_ARGS}")

    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    if not modules or names[-1] != "marquee":
        problems.append(f"the last module is not marquee: {names}")
    else:
        marquee = modules[-1]
        if marquee.get("buildsystem") != "meson":
            problems.append("the marquee module is not built with meson")
        if {"type": "dir", "path": ".."} not in [
                {k: s.get(k) for k in ("type", "path")} for s in marquee.get("sources", [])]:
            problems.append("the marquee module is not built from this tree (dir ..)")

    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
