#!/usr/bin/env python3
"""Reports functions a header under exporter/ declares that the program never calls.

A function in a header is part of its module's contract; one that no other part of the
program calls (only its own definition names it, or only tests do) is dead weight a reader
must still understand, and a test that exercises it tests nothing the program does. Each such
function is reported unless tests/lint/dead_functions.allow names it with the reason it stays:
a seam the tests observe the program through (a plain-text dump), or a function the docs are
checked against. A stale allowance is reported too.

Usage: dead_functions.py [--allow FILE] [ROOT]   (ROOT defaults to exporter/)
Exit status 1 and one line per problem when there is any."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from long_functions import blank_comments_and_strings  # noqa: E402

DECLARATION = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(([^()]|\([^()]*\))*\)\s*"
                         r"(__attribute__\s*\(\(.*?\)\)\s*)?;")
KEYWORDS = {"if", "while", "for", "switch", "sizeof", "return", "__attribute__", "typedef"}


def declared_functions(header):
    """Names of the functions header declares at file scope (not typedefs, not macros)."""
    with open(header, encoding="utf-8", errors="replace") as f:
        text = blank_comments_and_strings(f.read())
    # Only file scope: drop everything inside braces (struct and enum bodies, inline bodies).
    flat, depth = [], 0
    for c in text:
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            flat.append(";")
            continue
        if depth == 0:
            flat.append(c)
    names = []
    for statement in "".join(flat).split(";"):
        statement = statement.strip()
        if not statement or statement.startswith(("typedef", "static")):
            continue
        m = DECLARATION.search(statement + ";")
        if m and m.group(1) not in KEYWORDS and not statement.startswith("#"):
            names.append(m.group(1))
    return names


def sources(root, exts):
    for folder, _dirs, files in os.walk(root):
        for name in sorted(files):
            if name.endswith(exts):
                yield os.path.join(folder, name)


def main(argv):
    args = argv[1:]
    allow = "tests/lint/dead_functions.allow"
    if len(args) >= 2 and args[0] == "--allow":
        allow, args = args[1], args[2:]
    root = args[0] if args else "exporter"
    allowed = {}
    if os.path.exists(allow):
        with open(allow, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                words = line.split()
                if words and not words[0].startswith("#"):
                    allowed[words[0]] = number
    texts = {}
    for path in sources(root, (".c", ".h")):
        with open(path, encoding="utf-8", errors="replace") as f:
            texts[path] = blank_comments_and_strings(f.read())
    problems = 0
    seen = set()
    for header in sorted(p for p in texts if p.endswith(".h")):
        for name in declared_functions(header):
            word = re.compile(r"\b%s\b" % re.escape(name))
            definition = re.compile(r"^[A-Za-z_][^;{}]*\b%s\s*\([^;]*\)\s*\{" % re.escape(name),
                                    re.M)
            uses = 0
            for path, text in texts.items():
                n = len(word.findall(text))
                if path == header:
                    n -= 1   # the declaration itself; an inline function in the header may call it
                if path.endswith(".c"):
                    n -= len(definition.findall(text))
                uses += n
            if uses > 0:
                continue
            if name in allowed:
                seen.add(name)
                continue
            print("%s: %s is declared but the program never calls it: remove it (and its test), "
                  "use it, or allow it in %s with the reason" % (header, name, allow))
            problems += 1
    for name, number in sorted(allowed.items(), key=lambda kv: kv[1]):
        if name not in seen:
            print("%s:%d: %s is called by the program now (or is gone): remove the entry"
                  % (allow, number, name))
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
