#!/usr/bin/python3
# check-completion.py FILE MARQUEE: the bash completion of marquee is valid bash, and completes
# as a user would see it: options, --format= values, and account ids (7@host:port, cut
# where bash splits words) from `marquee --list-accounts --format=csv`, here a stub;
# and every long option `MARQUEE --help-all` lists is completed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys
import tempfile

completion = sys.argv[1]
marquee = sys.argv[2]

subprocess.run(['bash', '-n', completion], check=True)

# Sets what bash sets for a completion of LINE (cursor at its end), with bash's own
# word splitting (COMP_WORDBREAKS splits at = and :), and prints COMPREPLY.
COMPLETE = r'''
source "$1"
line=$2
COMP_LINE=$line
COMP_POINT=${#line}
COMP_WORDS=()
word=""
for ((i = 0; i < ${#line}; i++)); do
    c=${line:i:1}
    if [[ $c == [[:space:]] ]]; then
        [[ -n $word ]] && COMP_WORDS+=("$word")
        word=""
    elif [[ $c == [=:] ]]; then
        [[ -n $word ]] && COMP_WORDS+=("$word")
        COMP_WORDS+=("$c")
        word=""
    else
        word+=$c
    fi
done
COMP_WORDS+=("$word")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
complete -p marquee >/dev/null
function=$(complete -p marquee | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
"$function" marquee "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}"
'''

with tempfile.TemporaryDirectory() as stub_dir:
    stub = os.path.join(stub_dir, 'marquee')
    with open(stub, 'w') as f:
        f.write('#!/bin/sh\n'
                'case "$*" in *--list-accounts*--format=csv*) ;; *) exit 2 ;; esac\n'
                "printf 'id,name,server,kind,current,signed_in,expires\\r\\n'\n"
                "printf '7@127.0.0.1:8080,Kiosk,http://127.0.0.1:8080,token,true,true,\\r\\n'\n"
                "printf '42@cloud.viewneo.com,\"Lobby, Eingang\",https://cloud.viewneo.com,oauth,false,true,\\r\\n'\n")
    os.chmod(stub, 0o755)
    env = dict(os.environ, PATH=stub_dir + ':' + os.environ['PATH'])

    def complete(line):
        result = subprocess.run(['bash', '-c', COMPLETE, 'check', completion, line],
                                env=env, check=True, capture_output=True, text=True)
        return result.stdout.split()

    cases = [
        ('marquee --for', ['--format=']),
        ('marquee --format=', ['table', 'json', 'csv']),
        ('marquee --format=j', ['json']),
        ('marquee -f c', ['csv']),
        ('marquee --list-acc', ['--list-accounts']),
        ('marquee --add', ['--add-account']),
        ('marquee --remove-account=', ['7@127.0.0.1:8080', '42@cloud.viewneo.com']),
        ('marquee --account=7', ['7@127.0.0.1:8080']),
        # After the ":" bash replaces only what follows it.
        ('marquee --remove-account=7@127.0.0.1:', ['8080']),
        ('marquee --account 4', ['42@cloud.viewneo.com']),
    ]
    failed = False
    for line, expected in cases:
        got = complete(line)
        if got != expected:
            print(f'{line!r}: expected {expected}, got {got}')
            failed = True
        else:
            print(f'ok {line!r} -> {got}')

    # Every long option the program has, with "=" where it takes a value.
    help_all = subprocess.run([marquee, '--help-all'], check=True, capture_output=True,
                              text=True, env=dict(os.environ, LANG='C', LANGUAGE='')).stdout
    options = re.findall(r'^\s+(?:-\w, )?(--[\w-]+)(=)?', help_all, re.MULTILINE)
    assert len(options) > 10, help_all
    completed = complete('marquee --')
    for name, equals in options:
        if name + equals not in completed:
            print(f'{name}{equals} is not completed')
            failed = True
        else:
            print(f'ok {name}{equals}')

sys.exit(1 if failed else 0)
