#!/usr/bin/python3
"""Looks at and drives Marquee's window through AT-SPI, for build-aux/check-flatpak.

    check-flatpak-ui.py wait  ROLE NAME [--gone] [--within ROLE:NAME]
    check-flatpak-ui.py click ROLE NAME [--within ROLE:NAME]
    check-flatpak-ui.py type  ROLE NAME TEXT [--within ROLE:NAME]
    check-flatpak-ui.py count ROLE --min N [--within ROLE:NAME]
    check-flatpak-ui.py dump

ROLE is a regular expression matching the whole role name; NAME one searched in the accessible name, or in the text of the
node's label children when it has no name of its own (list rows). Every command waits
up to --timeout seconds (default 90: a first start on a loaded machine is slow) for its widget, polling; exit status 0 when done,
1 when the widget did not come (with what was looked for on stderr). Run with Debian's
/usr/bin/python3 (python3-gi, gir1.2-atspi-2.0) in the app's session.
"""
import argparse
import re
import sys
import time
import warnings

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)
APP_NAME = re.compile(r"^(marquee|Marquee|io\.github\.marqueesignage\.Marquee)$")
MAX_NODES = 20000


def children(node):
    try:
        return [node.get_child_at_index(i) for i in range(node.get_child_count())]
    except GLib.Error:
        return []


def walk(node):
    stack, seen = [node], 0
    while stack and seen < MAX_NODES:
        n = stack.pop()
        if n is None:
            continue
        seen += 1
        yield n
        stack.extend(reversed(children(n)))


def name_of(node):
    try:
        name = node.get_name() or ""
    except GLib.Error:
        return ""
    if name and not re.fullmatch(r"(Gtk|Adw)[A-Z]\w*", name):
        return name
    # A row has no name of its own: its labels say what it is.
    texts = []
    for child in walk(node):
        if child is not node and child.get_role_name() == "label":
            texts.append(child.get_name() or "")
    return " ".join(texts)


def apps():
    found = []
    for app in children(Atspi.get_desktop(0)):
        # An app that has just gone may still be listed, and fails every call.
        try:
            if app is not None and APP_NAME.match(app.get_name() or ""):
                found.append(app)
        except GLib.Error:
            pass
    return found


def find_all(role, pattern, within):
    found = []
    for app in apps():
        scopes = [app]
        if within:
            wrole, wname = within.split(":", 1)
            scopes = [n for n in walk(app)
                      if re.fullmatch(wrole, n.get_role_name() or "") and re.search(wname, name_of(n))]
        for scope in scopes:
            for n in walk(scope):
                try:
                    if re.fullmatch(role, n.get_role_name() or "") and (pattern is None or re.search(pattern, name_of(n))):
                        found.append(n)
                except GLib.Error:
                    pass
    return found


def poll(predicate, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except GLib.Error:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(0.2)


def click(node):
    action = node.get_action_iface()
    if action is not None:
        for i in range(action.get_n_actions()):
            if action.get_action_name(i) in ("click", "activate", "press", "toggle"):
                return action.do_action(i)
    return False


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["wait", "click", "type", "count", "dump"])
    parser.add_argument("args", nargs="*")
    parser.add_argument("--within")
    parser.add_argument("--gone", action="store_true")
    parser.add_argument("--min", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=90)
    options = parser.parse_args()
    Atspi.init()
    Atspi.set_timeout(3000, 15000)
    args = options.args

    if options.command == "dump":
        for app in apps():
            for n in walk(app):
                print(n.get_role_name(), repr(name_of(n)))
        return 0

    role = args[0]
    pattern = args[1] if len(args) > 1 else None
    what = f"{role} /{pattern}/" + (f" in {options.within}" if options.within else "")

    if options.command == "count":
        nodes = poll(lambda: (lambda f: f if len(f) >= options.min else None)(
            find_all(role, pattern, options.within)), options.timeout)
        if nodes is None:
            print(f"fewer than {options.min} {what}", file=sys.stderr)
            return 1
        print(len(nodes))
        return 0

    if options.gone:
        if poll(lambda: not find_all(role, pattern, options.within), options.timeout) is None:
            print(f"{what} is still there", file=sys.stderr)
            return 1
        return 0

    if options.command == "click":
        # A button refuses the action until its window is up: try again until it takes.
        if poll(lambda: any(click(n) for n in find_all(role, pattern, options.within)),
                options.timeout) is None:
            print(f"no {what} that could be clicked", file=sys.stderr)
            return 1
        return 0
    nodes = poll(lambda: find_all(role, pattern, options.within), options.timeout)
    if nodes is None:
        print(f"no {what}", file=sys.stderr)
        return 1
    node = nodes[0]
    if options.command == "type":
        text = node.get_editable_text_iface()
        text.set_text_contents(args[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
