#!/usr/bin/env python3
"""Reports C functions longer than a limit (default 100 lines) under exporter/.

A function's length runs from the line naming it to its closing brace. Comments, strings and
character literals are blanked before the braces are counted, so a brace inside them does not
count. A function may stay long only when it is named in the allowlist
(tests/lint/long_functions.allow: `path function  -- why`), and the reason is the reader's: a
flat table or a switch that reads best whole. An allowlist entry that no longer names a long
function is reported too, so the list only shrinks.

Usage: long_functions.py [--limit N] [--allow FILE] [--list] [ROOT...]
--list prints every function over the limit with its length, allowed or not.
Exit status 1 and one line per problem when there is any."""
import os
import re
import sys

IDENT_BEFORE_PAREN = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\($")


def blank_comments_and_strings(text):
    """The text with comments, strings and character literals replaced by spaces (newlines
    kept, so line numbers stay)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + " " * (min(j, n) - i - 1) + (c if j < n else ""))
            i = j + 1
        elif c == "#" and (i == 0 or text[i - 1] == "\n"):
            # A preprocessor line (with its continuations) holds no function.
            j = i
            while True:
                end = text.find("\n", j)
                if end < 0:
                    end = n
                    break
                if text[end - 1] != "\\":
                    break
                j = end + 1
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    """(name, first line, last line) of every function defined in the file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = blank_comments_and_strings(f.read())
    found = []
    depth = 0
    head_start = 0          # where the text since the last top-level ; or } begins
    start = None
    for i, c in enumerate(text):
        if c == "{":
            if depth == 0:
                head = text[head_start:i]
                name = function_name(head)
                start = (name, head_start + head.find(name)) if name else None
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                if start:
                    first = text.count("\n", 0, start[1]) + 1
                    last = text.count("\n", 0, i) + 1
                    found.append((start[0], first, last))
                start = None
                head_start = i + 1
        elif c == ";" and depth == 0:
            head_start = i + 1
    return found


def function_name(head):
    """The name a function definition's head declares, or None (a struct, an initialiser)."""
    if "=" in head or "(" not in head:
        return None
    before = head[: head.index("(") + 1]
    m = IDENT_BEFORE_PAREN.search(before.rstrip())
    if not m or m.group(1) in ("if", "while", "for", "switch", "sizeof", "return"):
        return None
    return m.group(1)


def read_allowlist(path):
    allowed = {}
    if not path or not os.path.exists(path):
        return allowed
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = line.split()
            if len(words) < 2 or "--" not in words:
                print("%s:%d: allowlist entry wants 'path function -- why'" % (path, number))
                allowed[("", "")] = number
                continue
            allowed[(words[0], words[1])] = number
    return allowed


def main(argv):
    args = argv[1:]
    limit, allow, listing = 100, "tests/lint/long_functions.allow", False
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--limit":
            limit = int(args.pop(0))
        elif opt == "--allow":
            allow = args.pop(0)
        elif opt == "--list":
            listing = True
        else:
            print("long_functions.py: unknown option %s" % opt)
            return 2
    roots = args or ["exporter"]
    allowed = read_allowlist(allow)
    problems = 1 if ("", "") in allowed else 0
    seen = set()
    walks = [entry for root in roots for entry in os.walk(root)]
    for folder, _dirs, files in sorted(walks):
        for name in sorted(files):
            if not name.endswith(".c"):
                continue
            path = os.path.join(folder, name)
            for func, first, last in functions(path):
                length = last - first + 1
                if length <= limit:
                    continue
                key = (path, func)
                if listing:
                    print("%s:%d: %s %d lines%s" % (path, first, func, length,
                                                    " (allowed)" if key in allowed else ""))
                if key in allowed:
                    seen.add(key)
                    continue
                if not listing:
                    print("%s:%d: function %s is %d lines (limit %d): split it, or allow it in %s "
                          "with the reason" % (path, first, func, length, limit, allow))
                problems += 1
    for key, number in sorted(allowed.items(), key=lambda kv: kv[1]):
        if key != ("", "") and key not in seen:
            print("%s:%d: %s %s is no longer over %d lines (or is gone): remove the entry"
                  % (allow, number, key[0], key[1], limit))
            problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
