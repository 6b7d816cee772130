#!/usr/bin/env python3
"""The repository stands alone, and its module map is whole.

1. No tracked file cites a file outside the repository (the shared notes folder beside it) or
   a tracker's issue number (a hash and a number, or the word issue and a number): a reader of the repository cannot follow either, so the design
   belongs in the repository's own words. Unicode's annexes (`UAX #14`) are references a reader
   can follow and are fine. The crawled sample articles are input, not documentation, and are
   not read.
2. exporter/README.md's module map names every .c and .h under exporter/, and every file it
   names exists (`cli/build.c/.h` names both files).

Usage: standalone_docs.py [REPO]   (default: the current folder)
Exit status 1 and one line per problem when there is any."""
import os
import re
import subprocess
import sys

OUTSIDE = re.compile(r"\.\./shared\b|/" + r"work/shared\b")
ISSUE = re.compile(r"(?<![&\w/#])#\d{1,5}\b|\bissues?\s+#?\d+\b", re.I)
FOLLOWABLE = re.compile(r"\b(UAX|UTS|UTR|RFC|ISO|TR)\s*#?\d+\b")
SKIP = ("examples/",)
MAP_ENTRY = re.compile(r"`([a-z_]+/[A-Za-z0-9_]+)\.(c/\.h|c|h)`")


GENERATED = ("build", "out", ".out.exporter", ".git")


def tracked_files(repo):
    """The files git tracks; outside a git checkout (a source tarball), every file but the
    generated folders."""
    out = subprocess.run(["git", "-C", repo, "ls-files", "-z"], capture_output=True)
    if out.returncode == 0 and os.path.isdir(os.path.join(repo, ".git")):
        return [p for p in out.stdout.decode().split("\0") if p]
    files = []
    for folder, dirs, names in os.walk(repo):
        if folder == repo:
            dirs[:] = [d for d in dirs if d not in GENERATED]
        files += [os.path.relpath(os.path.join(folder, n), repo) for n in names]
    return sorted(files)


def citation_problems(repo):
    problems = []
    for path in tracked_files(repo):
        if path.startswith(SKIP):
            continue
        full = os.path.join(repo, path)
        if not os.path.isfile(full) or os.path.islink(full):
            continue
        with open(full, "rb") as f:
            data = f.read()
        if b"\0" in data[:4096]:
            continue   # binary (fonts, PDFs)
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
            if OUTSIDE.search(line):
                problems.append("%s:%d: cites a file outside the repository: %s"
                                % (path, number, line.strip()[:100]))
            for m in ISSUE.finditer(FOLLOWABLE.sub("", line)):
                problems.append("%s:%d: cites an issue number (%s): say it in the repository's "
                                "words" % (path, number, m.group(0)))
    return problems


def module_map_problems(repo):
    readme = os.path.join(repo, "exporter", "README.md")
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    named = set()
    for stem, kind in MAP_ENTRY.findall(text):
        for ext in (("c", "h") if kind == "c/.h" else (kind,)):
            named.add("%s.%s" % (stem, ext))
    problems = []
    on_disk = set()
    for folder, _dirs, files in os.walk(os.path.join(repo, "exporter")):
        for name in files:
            if name.endswith((".c", ".h")):
                on_disk.add(os.path.relpath(os.path.join(folder, name),
                                            os.path.join(repo, "exporter")))
    for path in sorted(on_disk - named):
        problems.append("exporter/README.md: the module map does not name %s" % path)
    for path in sorted(named - on_disk):
        problems.append("exporter/README.md: the module map names %s, which does not exist"
                        % path)
    return problems


def main(argv):
    repo = argv[1] if len(argv) > 1 else "."
    problems = citation_problems(repo) + module_map_problems(repo)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
