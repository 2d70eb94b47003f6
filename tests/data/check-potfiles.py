#!/usr/bin/python3
"""Checks po/POTFILES.in against the source tree.

    check-potfiles.py SOURCE_ROOT

Fails when a file under src/ marks strings for translation (_(), N_(), C_(), NC_(),
ngettext, g_dgettext and friends, or translatable="yes" in a .ui file) but is not
listed, when a translatable data file (desktop entry, AppStream metadata, GSettings
schema) under data/ is not listed, and when a listed file does not exist or is listed
twice.
"""
import pathlib
import re
import sys

C_MARKERS = re.compile(
    r"(?<![\w])(?:N?_|C_|NC_|Q_|ngettext|g_dn?gettext|g_dcgettext|g_dpgettext2?)\s*\(")
UI_MARKERS = re.compile(r"""translatable\s*=\s*["'](?:yes|true|1)["']""", re.IGNORECASE)
SOURCE_SUFFIXES = (".c", ".h", ".ui")
DATA_PATTERNS = ("*.desktop.in", "*.metainfo.xml.in", "*.gschema.xml")


def listed_files(potfiles):
    entries = []
    for number, line in enumerate(potfiles.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append((number, line))
    return entries


def needs_translation(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".ui":
        return UI_MARKERS.search(text) is not None
    return C_MARKERS.search(text) is not None


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1]).resolve()
    potfiles = root / "po" / "POTFILES.in"
    problems = []

    seen = set()
    for number, entry in listed_files(potfiles):
        if entry in seen:
            problems.append(f"po/POTFILES.in:{number}: {entry} is listed twice")
        seen.add(entry)
        if entry.startswith("/") or ".." in pathlib.PurePosixPath(entry).parts:
            problems.append(f"po/POTFILES.in:{number}: {entry} is not a path in the tree")
        elif not (root / entry).is_file():
            problems.append(f"po/POTFILES.in:{number}: {entry} does not exist")

    candidates = [p for p in sorted((root / "src").rglob("*"))
                  if p.is_file() and p.suffix in SOURCE_SUFFIXES and needs_translation(p)]
    for pattern in DATA_PATTERNS:
        candidates += sorted((root / "data").glob(pattern))
    for path in candidates:
        relative = path.relative_to(root).as_posix()
        if relative not in seen:
            problems.append(f"{relative} has translatable strings but is not in po/POTFILES.in")

    for problem in problems:
        print(problem)
    print(f"{len(seen)} files listed, {len(candidates)} files with translatable strings")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
