#!/usr/bin/env python3
"""Runs a command and prints one JSON line: wall seconds, CPU seconds (user + system of the
child), peak RSS in MB, exit status. The benches' one way of measuring a process.
usage: measure.py CMD [ARGS...]"""
import json, os, subprocess, sys, time

start = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, ru = os.wait4(p.pid, 0)
wall = time.monotonic() - start
err = p.stderr.read().decode('utf-8', 'replace').strip().splitlines()
print(json.dumps({'wall': wall, 'cpu': ru.ru_utime + ru.ru_stime, 'rss_mb': ru.ru_maxrss / 1024,
                  'status': os.waitstatus_to_exitcode(status), 'stderr': err[:1]}))
