#!/usr/bin/env python3
"""Scores one case's comparison.csv against its gold file, cell by cell.

usage: topic_score.py CASE_DIR OUT_DIR [--empty]

CASE_DIR holds gold.csv (entity_id, column, expected — the value exactly as comparison.csv
should print it; empty means the cell must stay empty) and min_score (the least exact-cell
score the case must reach: a ratchet, raised as the program learns). OUT_DIR holds the
comparison.csv of a run with the case's template.

Prints, per case: exact (cells equal to gold / gold cells), precision (right non-empty cells /
non-empty cells printed), recall (right non-empty cells / non-empty gold cells), then every
failing cell with what was printed and what was expected. Exit status 1 when exact falls
below min_score, or when min_score is no higher than the score of an all-empty table (such a
ratchet would not notice extraction switched off).

With --empty the comparison's cells are all blanked first: the score of a run that extracted
nothing. topics.sh uses it to prove each case fails that regression.
"""
import csv
import math
import sys


def read_csv(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        return list(csv.DictReader(f))


def score(gold, rows):
    """Returns (exact, right, printed, wanted, failures) over the gold cells."""
    exact = right = printed = wanted = 0
    failures = []
    for g in gold:
        entity, column, want = g['entity_id'], g['column'], g['expected']
        row = rows.get(entity)
        got = None if row is None or column not in row else row[column]
        if want:
            wanted += 1
        if got:
            printed += 1
        if got == want:
            exact += 1
            if want:
                right += 1
        else:
            failures.append((entity, column, got, want))
    return exact, right, printed, wanted, failures


def ratio(a, b):
    return a / b if b else 1.0


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    blank = '--empty' in sys.argv[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    case, out = args
    name = case.rstrip('/').rsplit('/', 1)[-1]
    gold = read_csv(f'{case}/gold.csv')
    rows = {r['entity_id']: r for r in read_csv(f'{out}/comparison.csv')}
    if blank:
        for r in rows.values():
            for k in r:
                if k != 'entity_id':
                    r[k] = ''
    minimum = float(open(f'{case}/min_score').read().split()[0])

    exact, right, printed, wanted, failures = score(gold, rows)
    n = len(gold)
    empty_exact = sum(1 for g in gold if not g['expected'])
    s = exact / n
    print(f'{name}: exact {exact}/{n} = {s:.3f} (min {minimum:.3f}), '
          f'precision {right}/{printed} = {ratio(right, printed):.3f}, '
          f'recall {right}/{wanted} = {ratio(right, wanted):.3f}')
    for entity, column, got, want in failures:
        shown = '(no such cell)' if got is None else repr(got)
        print(f'  {name} {entity}.{column}: printed {shown}, expected {want!r}')
    status = 0
    needed = math.ceil(minimum * n - 1e-9)   # the least number of exact cells min_score allows
    if needed <= empty_exact:
        print(f'{name}: min_score {minimum:.3f} does not exceed the all-empty score '
              f'{empty_exact}/{n} = {empty_exact / n:.3f}: it would not catch a regression')
        status = 1
    if exact < needed:
        print(f'{name}: FAIL: exact {exact}/{n} is below min_score {minimum:.3f} ({needed}/{n})')
        status = 1
    elif exact > needed and not blank:
        print(f'{name}: exact {exact}/{n} is above min_score {minimum:.3f} ({needed}/{n}): '
              f'raise {case}/min_score to {math.floor(s * 1000) / 1000:.3f}')
    sys.exit(status)


main()
