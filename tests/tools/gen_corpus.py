#!/usr/bin/env python3
"""Writes N synthetic articles made from the samples into DIR: distinct ids, urls, dates and
bodies (the paragraphs of each sample rotated, so entity order varies), with a correct
content_hash, so the exporter reads each as a new, valid article.
usage: gen_corpus.py SAMPLES_DIR OUT_DIR N"""
import hashlib
import html
import os
import re
import sys

samples_dir, out_dir, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
samples = [open(os.path.join(samples_dir, f), encoding='utf-8').read()
           for f in sorted(os.listdir(samples_dir)) if f.endswith('.txt')]
os.makedirs(out_dir, exist_ok=True)
for i in range(n):
    text = samples[i % len(samples)]
    head, header, body, trailer = text.split('\n---\n', 3)
    paras = [p for p in body.strip('\n').split('\n\n') if p.strip()]
    k = (i // len(samples)) % max(1, len(paras))
    paras = paras[k:] + paras[:k]
    body = '\n\n' + '\n\n'.join(paras) + f'\n\n합성 기사 {i}번이다.\n\n'
    digest = hashlib.sha256(html.unescape(body).strip().encode()).hexdigest()
    day = 1 + i % 28
    head = re.sub(r'^id: .*$', f'id: syn_{i:08d}', head, flags=re.M)
    head = re.sub(r'^url: (.*)$', rf'url: \1?syn={i}', head, flags=re.M)
    head = re.sub(r'^published_at: .*$', f'published_at: 2025-11-{day:02d} 09:00', head, flags=re.M)
    head = re.sub(r'^content_hash: .*$', f'content_hash: {digest}', head, flags=re.M)
    with open(os.path.join(out_dir, f'syn_{i:08d}.txt'), 'w', encoding='utf-8') as f:
        f.write('\n---\n'.join([head, header, body, trailer]))
