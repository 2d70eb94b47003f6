#!/usr/bin/python3
"""Checks what the Flatpak manifest grants and builds.

    check-flatpak-permissions.py MANIFEST APP_ID
    check-flatpak-permissions.py --flathub FLATHUB_MANIFEST MANIFEST APP_ID VERSION

The sandbox holds exactly the permissions Marquee needs: network for viewneo, IPC and
display sockets, and the GPU. Notably no talk-name to org.freedesktop.secrets: inside
the sandbox libsecret goes through the Secret portal (or its file backend), and no
filesystem access: exports are saved through the file chooser portal.

--flathub: the Flathub manifest is the in-tree one but for the marquee module's
sources, which are a single git source pinned to the tag vVERSION and a commit
(Flathub never builds a dir source).
"""
import json
import re
import sys

FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=fallback-x11",
    "--socket=wayland",
    "--device=dri",
]


def check_flathub(flathub_path, manifest_path, version):
    with open(flathub_path, encoding="utf-8") as f:
        flathub = json.load(f)
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
    problems = []
    try:
        sources = flathub["modules"][-1].pop("sources")
        manifest["modules"][-1].pop("sources")
    except (KeyError, IndexError, TypeError, AttributeError):
        return ["no marquee module with sources"]
    if flathub != manifest:
        problems.append("it differs from the in-tree manifest in more than the sources")
    if len(sources) != 1 or sources[0].get("type") != "git":
        problems.append(f"the marquee module's sources are not one git source: {sources}")
    else:
        git = sources[0]
        if git.get("tag") != f"v{version}":
            problems.append(f"the git source's tag is {git.get('tag')!r}, not 'v{version}'")
        if not re.fullmatch(r"[0-9a-f]{40}", git.get("commit", "")):
            problems.append("the git source is not pinned to a commit")
        if not git.get("url", "").startswith("https://"):
            problems.append("the git source's url is not https")
    return problems


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "--flathub":
        problems = check_flathub(sys.argv[2], sys.argv[3], sys.argv[5])
        problems += [f"{p}" for p in check_manifest(sys.argv[2], sys.argv[4], flathub=True)]
        for problem in problems:
            print(f"FAIL: {problem}")
        return 1 if problems else 0
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    problems = check_manifest(sys.argv[1], sys.argv[2])
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


def check_manifest(path, app_id, flathub=False):
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
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
        if not flathub and {"type": "dir", "path": ".."} not in [
                {k: s.get(k) for k in ("type", "path")} for s in marquee.get("sources", [])]:
            problems.append("the marquee module is not built from this tree (dir ..)")
    return problems


if __name__ == "__main__":
    sys.exit(main())
