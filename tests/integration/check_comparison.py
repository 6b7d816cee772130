#!/usr/bin/env python3
"""Checks comparison.csv and facts.csv as a spreadsheet user reads them.
usage: check_comparison.py sovereign|battery OUTDIR"""
import csv
import sys

topic, out = sys.argv[1], sys.argv[2]
errors = []


def read(name):
    raw = open(f'{out}/{name}', 'rb').read()
    if not raw.startswith(b'\xef\xbb\xbf'):
        errors.append(f'{name}: no UTF-8 BOM')
    if b'\n' in raw.replace(b'\r\n', b'') and b'"' not in raw:
        errors.append(f'{name}: bare LF line ends')
    return list(csv.DictReader(raw.decode('utf-8-sig').splitlines(True)))


rows = {r['entity_id']: r for r in read('comparison.csv')}
facts = read('facts.csv')

expected = {
    'sovereign': {
        'skt': {'flagship_model': 'A.X K1', 'params_total_b': '500', 'params_active_b': '33',
                'architecture': 'MoE',
                'conflicts': 'params_total_b: 519 (1 article) vs 500 (4 articles)'},
        'upstage': {'flagship_model': '솔라 오픈 100B', 'params_total_b': '100',
                    'params_active_b': '10.2', 'architecture': 'MoE',
                    'conflicts': 'params_total_b: 102 (1 article) vs 100 (2 articles)'},
        'lg_ai': {'flagship_model': 'K-엑사원', 'params_total_b': '236', 'params_active_b': '',
                  'conflicts': ''},
        'nc_ai': {'flagship_model': 'VAETKI', 'params_total_b': '100', 'params_active_b': '10'},
        'naver_cloud': {'flagship_model': '하이퍼클로바X 시드 32B 싱크', 'params_total_b': '32',
                        'models': '하이퍼클로바X 시드 32B 싱크; 하이퍼클로바X 시드 8B 옴니'},
        'program': {'budget_data_krw_bn': '62.8', 'budget_gpu_krw_bn': '157.6',
                    'budget_talent_krw_bn': '25', 'target_performance_pct': '95',
                    'presentation_date': '2025-12-30', 'first_evaluation_date': '2026-01-15'},
    },
    'battery': {
        'lges': {'flagship_product': '46시리즈', 'investment_krw_tn': '3',
                 'market_share_pct': '13.1', 'chemistries': 'NCM; LFP',
                 'customers': 'GM; 테슬라; 리비안'},
        'sdi': {'market_share_pct': '4.5', 'chemistries': '', 'hq': '용인'},
        'skon': {'market_share_pct': '4.4', 'employees': '4000'},
    },
}[topic]

for entity, cells in expected.items():
    row = rows.get(entity)
    if row is None:
        errors.append(f'no row {entity}')
        continue
    for column, want in cells.items():
        if row.get(column) != want:
            errors.append(f'{entity}.{column}: {row.get(column)!r}, expected {want!r}')

if topic == 'sovereign':
    modalities = rows['naver_cloud']['modalities'].split('; ')
    for m in ('text', 'image', 'audio'):
        if m not in modalities:
            errors.append(f'naver_cloud.modalities lacks {m}')
    # never invent: other parties' models, other countries, plans, history
    for f in facts:
        if f['column'].startswith('params_') and f['value'] in (
                '120', '235', '38', '1000', '200', '300', '30', '10.7', '20', '7', '8', '2', '1'):
            errors.append(f"invented {f['entity_id']} {f['column']} = {f['value']}: {f['sentence']}")

# provenance: every fact's raw text is in its sentence, which is numbered
for f in facts:
    if f['raw_text'] not in f['sentence']:
        errors.append(f"fact {f['raw_text']!r} not in its sentence")
    if not f['sentence_no'].isdigit() or not f['article_id']:
        errors.append(f"fact {f['raw_text']!r} without provenance")

if errors:
    print('\n'.join(errors))
    sys.exit(1)
print(f'check_comparison {topic}: {len(rows)} rows, {len(facts)} facts ok')
