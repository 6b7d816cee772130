#!/usr/bin/env python3
"""Reports include cycles between modules under exporter/.

A module is a .c file and its .h (exporter/cli/build.c and build.h are the module
cli/build). Module A depends on module B when A's .c or .h includes "B.h". A cycle in that
graph means neither module can be read, tested or replaced without the other, so it fails
`make lint`. With --stages, the same check runs on the folders (cli, ingest, extract, ...),
which must form a chain the data flows along, never a loop.

Usage: include_cycles.py [--stages] [ROOT]   (ROOT defaults to exporter/)
Exit status 1 and one line per cycle when there is any; 0 and no output otherwise."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def module_graph(root):
    graph = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(folder, name)
            module = os.path.relpath(path, root)[:-2]
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            deps = graph.setdefault(module, set())
            for inc in INCLUDE.findall(text):
                target = inc[:-2] if inc.endswith(".h") else inc
                if target != module:
                    deps.add(target)
    # Only edges between modules of this tree count.
    return {m: {d for d in deps if d in graph} for m, deps in graph.items()}


def stage_graph(graph):
    stages = {}
    for module, deps in graph.items():
        stage = module.split("/")[0]
        out = stages.setdefault(stage, set())
        out.update(d.split("/")[0] for d in deps if d.split("/")[0] != stage)
    return stages


def cycles(graph):
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def example_path(graph, component):
    """One concrete loop through the component, for the message."""
    members = set(component)
    start = component[0]
    path, seen, node = [start], {start}, start
    while True:
        nxt = sorted(d for d in graph[node] if d in members)
        back = [d for d in nxt if d == start]
        if back and len(path) > 1:
            return path + [start]
        fresh = [d for d in nxt if d not in seen]
        node = fresh[0] if fresh else nxt[0]
        if node in seen:
            return path[path.index(node):] + [node]
        path.append(node)
        seen.add(node)


def main(argv):
    stages = "--stages" in argv
    args = [a for a in argv[1:] if a != "--stages"]
    root = args[0] if args else "exporter"
    graph = module_graph(root)
    if stages:
        graph = stage_graph(graph)
    what = "stages" if stages else "modules"
    bad = cycles(graph)
    for component in bad:
        print("include cycle between %s %s: %s" % (what, ", ".join(component),
                                                   " -> ".join(example_path(graph, component))))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
