"""Reads articles.csv with Python's csv module (an independent reader) and checks every
field of the sample corpus exactly, plus the file-level promises: BOM, CRLF, no entities."""
import csv
import sys

path = sys.argv[1]
raw = open(path, 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no UTF-8 BOM'
body = raw[3:]
assert body.count(b'\r\n') == body.count(b'\n'), 'a line ends without CR'
rows = list(csv.DictReader(open(path, encoding='utf-8-sig', newline='')))
assert len(rows) == 5, f'{len(rows)} rows'
by_id = {r['id']: r for r in rows}

expected = {
    '029_0003001728': dict(title='한국형 초거대 AI 경쟁 본격화…30일 ‘첫 시험대’ 오른다', publisher='디지털타임스',
                           authors='이혜선', emails='hslee@dt.co.kr', published_at='2025-12-28T00:00:00+09:00',
                           crawled_at='2025-12-28T06:02:09+09:00',
                           url='https://n.news.naver.com/mnews/article/029/0003001728', category='',
                           content_hash='da422a7bcd6b8d319a9ae4e640ad5f5f8271784874e92e61eff7a8c7295c9e82',
                           source_file='000_a01ba545a0ffea06.txt'),
    '421_0008687459': dict(title='국가대표 AI 노리는 5개 정예팀…각양각색 AI 모델 발표(종합)', publisher='뉴스1',
                           authors='김정현', emails='Kris@news1.kr', published_at='2025-12-30T00:00:00+09:00',
                           crawled_at='2025-12-30T09:04:07+09:00', source_file='001_fb8133d21bfd6a82.txt'),
    '020_0003685694': dict(title='국민 앞에 선 ‘국가대표 AI’, 중간 발표로 확인한 K-AI의 현주소', publisher='동아일보',
                           authors='남시현', emails='sh@itdonga.com', source_file='002_489791d6e137b096.txt'),
    '030_0003385376': dict(title='[뉴스줌인]한국형 AI 모델 전략 발표…대기업-스타트업 간 경쟁 주목', publisher='전자신문',
                           authors='박종진; 김명희', emails='truth@etnews.com; noprint@etnews.com',
                           source_file='003_013baa60081ba392.txt'),
    '015_0005230666': dict(title="'국가대표 AI' 프로젝트 베일 벗었다…5개 정예팀 '총출동'", publisher='한국경제',
                           authors='박수빈', emails='waterbean@hankyung.com',
                           published_at='2025-12-30T00:00:00+09:00', source_file='004_15f6b37683b40829.txt'),
}
for aid, fields in expected.items():
    row = by_id[aid]
    for k, v in fields.items():
        got = row[k] if k != 'source_file' else row[k].rsplit('/', 1)[-1]
        assert got == v, f'{aid} {k}: {got!r} != {v!r}'
for r in rows:
    for k, v in r.items():
        assert '&#' not in v and '&quot;' not in v and '&amp;' not in v, f'entity left in {k}: {v}'
    assert int(r['sentences']) > 5 and int(r['characters']) > 1000, r
print('ok: articles.csv read back exactly by Python csv (5 rows)')
