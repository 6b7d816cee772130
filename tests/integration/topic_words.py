#!/usr/bin/env python3
"""Finds words of other topics in each topic's briefing.

usage: topic_words.py NAME=TEMPLATE:ARTICLES_DIR:BRIEFING_TEXT ...

For each topic, the foreign words are every word another topic's template defines (entity
names, English names, aliases, people, models, organisations, other parties' models, column
labels, keyword values, other parties, the title, every text of the layout and of any other
top-level section such as labels or summary words) plus the bundled topic's own
vocabulary (SAMPLE_WORDS: words its briefing used to print from code), minus any word the
topic itself uses (in its template or its articles — a word the articles use may be quoted).
Words are compared with spaces removed. Prints one line per leak: `NAME<TAB>WORD<TAB>SOURCE`,
sorted, where SOURCE is the topic the word belongs to.
"""
import os
import re
import sys

import yaml

# Words of the bundled topic that its code once printed for every topic.
SAMPLE_WORDS = ['모델', '파라미터', '매개변수', '규모', '구조', '협력사', '정예팀', '모달리티',
                '사업 예산', '사업 개요', '10억 개']
TOP_LEVEL_DONE = {'template', 'title', 'entities', 'organisations', 'other_models',
                  'other_parties', 'columns', 'layout', 'units'}
LAYOUT_IDS = {'page_size', 'orientation', 'font_body', 'font_heading', 'sections',
              'table_columns', 'chart_columns', 'margin_mm', 'font_size_pt', 'key_sentences'}


def fold(s):
    return re.sub(r'\s+', '', s)


def strings(node):
    """Every string leaf of a YAML node."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from strings(k)
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def vocabulary(tpl):
    words = set()
    add = lambda w: isinstance(w, str) and words.add(w)
    add(tpl.get('title'))
    for e in tpl.get('entities') or []:
        for k in ('name', 'name_en'):
            add(e.get(k))
        for k in ('aliases', 'people'):
            for w in e.get(k) or []:
                add(w)
        for m in e.get('models') or []:
            add(m.get('name'))
            add(m.get('name_en'))
            for w in m.get('aliases') or []:
                add(w)
    for o in tpl.get('organisations') or []:
        if isinstance(o, dict):
            add(o.get('name'))
            for w in o.get('aliases') or []:
                add(w)
        else:
            add(o)
    for w in tpl.get('other_models') or []:
        add(w)
    for o in tpl.get('other_parties') or []:
        for w in strings(o):
            add(w)
    # every other top-level section (labels, value labels, summary words, …) is the topic's
    # own wording; ids and rule names in it never appear in a briefing's text
    for k, v in tpl.items():
        if k not in TOP_LEVEL_DONE:
            for w in strings(v):
                add(w)
    for c in tpl.get('columns') or []:
        add(c.get('label'))
        for canonical, synonyms in (c.get('keywords') or {}).items():
            add(canonical)
            for w in synonyms or []:
                add(w)
    for k, v in (tpl.get('layout') or {}).items():
        if k not in LAYOUT_IDS:
            for w in strings(v):
                add(w)
    return {w for w in words if len(fold(w)) >= 2}


def own_text(template_path, articles):
    parts = [open(template_path, encoding='utf-8').read()]
    for root, _, files in os.walk(articles):
        for f in files:
            parts.append(open(os.path.join(root, f), encoding='utf-8').read())
    return fold('\n'.join(parts))


def main():
    topics = {}
    for arg in sys.argv[1:]:
        name, spec = arg.split('=', 1)
        template, articles, text = spec.split(':')
        topics[name] = (yaml.safe_load(open(template, encoding='utf-8')), template, articles, text)
    vocab = {name: vocabulary(t[0]) for name, t in topics.items()}
    leaks = []
    for name, (tpl, template, articles, text_path) in topics.items():
        own = own_text(template, articles)
        text = fold(open(text_path, encoding='utf-8').read())
        foreign = {}
        for other, words in vocab.items():
            if other != name:
                for w in words:
                    foreign.setdefault(fold(w), other)
        if name != 'sample':
            for w in SAMPLE_WORDS:
                foreign.setdefault(fold(w), 'sample (code)')
        for w, source in foreign.items():
            if w in text and w not in own:
                leaks.append(f'{name}\t{w}\t{source}')
    print('\n'.join(sorted(leaks)))


main()
