#!/usr/bin/python3
"""Checks the AppStream metadata against the tree.

    check-metainfo.py screenshots METAINFO SOURCE_ROOT
    check-metainfo.py release METAINFO VERSION

screenshots: every screenshot has a caption; each of its images is a URL into this
repository pinned to the tag of the newest <release> (vVERSION, never a branch that
moves on), names a PNG file that exists in the tree (as the store will fetch it from
there) of at most 1000x700 pixels (Flathub's limit), and is marked xml:lang="de" when
it is a German one (*-de.png). The default screenshot comes first. release: the newest
<release> is VERSION, the version meson builds.
"""
import pathlib
import sys
import xml.etree.ElementTree as ET

RAW_PREFIX = "https://raw.githubusercontent.com/marqueesignage/marquee/v{version}/"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_WIDTH, MAX_HEIGHT = 1000, 700
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def png_size(data):
    # IHDR follows the signature: length, type, then width and height, big-endian.
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def check_screenshots(component, root):
    problems = []
    releases = component.findall("./releases/release")
    if not releases:
        return ["no <release> to pin the screenshot URLs to"]
    prefix = RAW_PREFIX.format(version=releases[0].get("version"))
    screenshots = component.findall("./screenshots/screenshot")
    if not screenshots:
        problems.append("no screenshots")
    defaults = [s for s in screenshots if s.get("type") == "default"]
    if len(defaults) != 1:
        problems.append(f"{len(defaults)} screenshots are type=\"default\", not 1")
    elif screenshots[0] is not defaults[0]:
        problems.append("the default screenshot is not the first")
    for screenshot in screenshots:
        if not (screenshot.findtext("caption") or "").strip():
            problems.append("a screenshot has no caption")
        for image in screenshot.findall("image"):
            url = (image.text or "").strip()
            if not url.startswith(prefix):
                problems.append(f"{url} is not under {prefix}")
                continue
            if url.endswith("-de.png") != (image.get(XML_LANG) == "de"):
                problems.append(f"{url}: a German screenshot, and only one, is xml:lang=\"de\"")
            path = root / url[len(prefix):]
            if not path.is_file():
                problems.append(f"{path.relative_to(root)} does not exist (named by {url})")
                continue
            data = path.read_bytes()
            if data[:8] != PNG_SIGNATURE:
                problems.append(f"{path.relative_to(root)} is not a PNG")
            elif png_size(data)[0] > MAX_WIDTH or png_size(data)[1] > MAX_HEIGHT:
                problems.append(f"{path.relative_to(root)} is %dx%d, more than {MAX_WIDTH}x{MAX_HEIGHT}"
                                % png_size(data))
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
