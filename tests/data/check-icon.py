#!/usr/bin/python3
"""Checks an application icon.

    check-icon.py [--symbolic] [--rsvg-convert PATH] SIZE ICON.svg

The file must be SVG with a SIZExSIZE canvas (width, height and viewBox), hold no
text and no embedded raster image, and librsvg must render it at that size (when
rsvg-convert is given). A --symbolic icon may use one colour only, #2e3436, with
fills and no strokes, so that GTK can recolour it and it scales cleanly.
"""
import argparse
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
SYMBOLIC_COLOUR = "#2e3436"
PAINT_PROPERTIES = ("fill", "stroke", "stop-color", "color")


def length(value):
    match = re.fullmatch(r"\s*([0-9.]+)\s*(px)?\s*", value or "")
    return float(match.group(1)) if match else None


def paints(element):
    """The colours an element asks for, from attributes and from its style attribute."""
    found = {name: element.get(name) for name in PAINT_PROPERTIES if element.get(name)}
    for declaration in (element.get("style") or "").split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() in PAINT_PROPERTIES:
            found[name.strip()] = value.strip()
    return found


def check_svg(path, size, symbolic):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag != SVG + "svg":
        return [f"the root element is {root.tag}, not an SVG <svg>"]

    for attribute in ("width", "height"):
        if length(root.get(attribute)) != size:
            problems.append(f"{attribute} is {root.get(attribute)!r}, not {size}")
    viewbox = [float(v) for v in re.split(r"[\s,]+", (root.get("viewBox") or "").strip()) if v]
    if viewbox != [0, 0, size, size]:
        problems.append(f"viewBox is {root.get('viewBox')!r}, not '0 0 {size} {size}'")

    for element in root.iter():
        tag = element.tag.replace(SVG, "")
        if tag in ("text", "tspan", "textPath"):
            problems.append("has text: icons are drawn, not written")
        if tag == "image":
            problems.append("embeds a raster image")
        if not symbolic:
            continue
        if tag in ("linearGradient", "radialGradient", "pattern", "filter"):
            problems.append(f"symbolic icon uses <{tag}>")
        for name, value in paints(element).items():
            value = value.lower()
            if name == "stroke" and value != "none":
                problems.append(f"symbolic icon has a stroke ({value}) on <{tag}>")
            elif name != "stroke" and value not in ("none", SYMBOLIC_COLOUR):
                problems.append(f"symbolic icon uses {name} {value} on <{tag}>, "
                                f"not {SYMBOLIC_COLOUR}")
        for name in ("stroke-width", "stroke-dasharray"):
            if element.get(name):
                problems.append(f"symbolic icon sets {name} on <{tag}>")
    return problems


def check_render(rsvg_convert, path, size):
    """Renders the icon with librsvg, which is what GTK uses, at its natural size."""
    result = subprocess.run([rsvg_convert, "--format=png", path], capture_output=True)
    if result.returncode != 0:
        return [f"librsvg cannot render it: {result.stderr.decode(errors='replace').strip()}"]
    png = result.stdout
    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        return ["rsvg-convert did not produce a PNG"]
    width, height = struct.unpack(">II", png[16:24])
    if (width, height) != (size, size):
        return [f"librsvg renders it at {width}x{height}, not {size}x{size}"]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--symbolic", action="store_true")
    parser.add_argument("--rsvg-convert")
    parser.add_argument("size", type=int)
    parser.add_argument("icon")
    args = parser.parse_args()

    problems = check_svg(args.icon, args.size, args.symbolic)
    if not problems and args.rsvg_convert:
        problems = check_render(args.rsvg_convert, args.icon, args.size)
    for problem in problems:
        print(f"{args.icon}: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
