#!/usr/bin/python3
"""Runs a validator and fails on what its exit status lets through.

    check-output.py [--fail-on REGEX]... [--no-stderr] -- PROGRAM [ARG...]

Fails when PROGRAM exits non-zero, when a line of its output matches a --fail-on
pattern (validators that report warnings but still exit 0), or, with --no-stderr,
when it writes anything to stderr. Skips (exit 77) when PROGRAM is not installed.
PROGRAM runs in an empty temporary directory, so that state it leaves in its working
directory (flatpak-builder's .flatpak-builder) ends up nowhere.
"""
import argparse
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fail-on", action="append", default=[], metavar="REGEX")
    parser.add_argument("--no-stderr", action="store_true")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    if shutil.which(command[0]) is None:
        print(f"{command[0]} is not installed: skipped")
        return SKIP

    with tempfile.TemporaryDirectory() as workdir:
        result = subprocess.run(command, capture_output=True, text=True, cwd=workdir)
    sys.stdout.write(result.stdout)
    sys.stdout.write(result.stderr)

    failed = False
    if result.returncode != 0:
        print(f"FAIL: {command[0]} exited with status {result.returncode}")
        failed = True
    for pattern in args.fail_on:
        regex = re.compile(pattern, re.MULTILINE)
        for output in (result.stdout, result.stderr):
            for match in regex.finditer(output):
                print(f"FAIL: output matches /{pattern}/: {match.group(0).strip()}")
                failed = True
    if args.no_stderr and result.stderr.strip():
        print(f"FAIL: {command[0]} wrote to stderr")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
