#!/usr/bin/python3
"""Checks the AppStream metadata against the tree.

    check-metainfo.py screenshots METAINFO SOURCE_ROOT
    check-metainfo.py release METAINFO VERSION

screenshots: every screenshot has a caption and its image, a URL into this repository's
main branch, names a PNG file that exists in the tree (as the store will fetch it from
there). release: the newest <release> is VERSION, the version meson builds.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

RAW_PREFIX = "https://raw.githubusercontent.com/marqueesignage/marquee/main/"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_screenshots(component, root):
    problems = []
    screenshots = component.findall("./screenshots/screenshot")
    if not screenshots:
        problems.append("no screenshots")
    defaults = [s for s in screenshots if s.get("type") == "default"]
    if len(defaults) != 1:
        problems.append(f"{len(defaults)} screenshots are type=\"default\", not 1")
    for screenshot in screenshots:
        if not (screenshot.findtext("caption") or "").strip():
            problems.append("a screenshot has no caption")
        for image in screenshot.findall("image"):
            url = (image.text or "").strip()
            if not url.startswith(RAW_PREFIX):
                problems.append(f"{url} is not under {RAW_PREFIX}")
                continue
            path = root / url[len(RAW_PREFIX):]
            if not path.is_file():
                problems.append(f"{path.relative_to(root)} does not exist (named by {url})")
            elif path.read_bytes()[:8] != PNG_SIGNATURE:
                problems.append(f"{path.relative_to(root)} is not a PNG")
            else:
                print(f"ok {path.relative_to(root)}")
    return problems


def check_release(component, version):
    releases = component.findall("./releases/release")
    if not releases:
        return ["no <release>"]
    # AppStream lists the newest release first.
    newest = releases[0].get("version")
    if newest != version:
        return [f"the newest release is {newest}, but meson builds {version}"]
    if not releases[0].get("date"):
        return [f"release {newest} has no date"]
    return []


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("screenshots", "release"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    component = ET.parse(sys.argv[2]).getroot()
    if sys.argv[1] == "screenshots":
        problems = check_screenshots(component, pathlib.Path(sys.argv[3]).resolve())
    else:
        problems = check_release(component, sys.argv[3])
    for problem in problems:
        print(f"FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
