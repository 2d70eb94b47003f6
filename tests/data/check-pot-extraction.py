#!/usr/bin/python3
"""Extracts the strings of po/POTFILES.in as the marquee-pot target does (meson's
'glib' preset) and fails on any xgettext warning: a warning means a string that
translators would get wrong or not at all, e.g. a G_GINT64_FORMAT inside _(), which
xgettext cannot see through.

    check-pot-extraction.py SOURCE_ROOT XGETTEXT
"""
import os
import subprocess
import sys
import tempfile

# meson's i18n 'glib' preset, as used by po/meson.build.
GLIB_PRESET = [
    "--from-code=UTF-8",
    "--add-comments",
    "--keyword=_",
    "--keyword=N_",
    "--keyword=C_:1c,2",
    "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2",
    "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format",
    "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format",
    "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root, xgettext = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "marquee.pot")
        result = subprocess.run(
            [xgettext, "--package-name=marquee", *GLIB_PRESET,
             "--directory", root, "--files-from", os.path.join(root, "po", "POTFILES.in"),
             "--output", pot],
            capture_output=True, text=True)
        sys.stdout.write(result.stdout + result.stderr)
        if result.returncode != 0:
            print(f"FAIL: xgettext exited with status {result.returncode}")
            return 1
        if result.stderr.strip():
            print("FAIL: xgettext warned about the strings above")
            return 1
        count = 0
        if os.path.exists(pot):  # xgettext writes no file when it finds no string
            with open(pot, encoding="utf-8") as f:
                count = f.read().count("\nmsgid ") - 1
    print(f"{count} strings extracted without warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
