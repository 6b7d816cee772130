/* template_words.c — the words the briefing prints that no article supplies (template.h,
 * template_word): the template's layout.labels, else these topic-neutral defaults. The table
 * is also the list of keys layout.labels accepts (templates/README.md documents each). */
#include "extract/template.h"

#include <string.h>

static const struct {
    const char *key, *text;
} defaults[] = {
    /* section titles and intros */
    { "summary", "요약" },
    { "summary_empty", "요약할 수치가 기사에 없다." },
    { "table", "비교표" },
    { "table_intro_sources", "출처 열의 번호는 맨 뒤 출처 목록의 번호다. " },
    { "table_intro", "빈 칸은 기사에 없는 값이다. 기사끼리 값이 엇갈리면 더 많은 기사가 보도한 "
                     "값(동수면 사실이 더 많은 값)을 싣고 †로 표시해 표 아래에 적었다." },
    { "table_intro_rules", " 머리글에 규칙이 적힌 열은 그 규칙(최신 보도 또는 최댓값)으로 고른 값이며, "
                           "이전·작은 보도는 엇갈림이 아니라 이력이다." },
    { "chart", "" },   /* "" = the series' labels joined, then chart_suffix */
    { "chart_suffix", " 비교" },
    { "chart_intro", "막대는 비교표의 값이다. ‘미공개’는 기사가 그 값을 밝히지 않았다는 뜻이며 "
                     "0이 아니다. 이름을 누르면 해당 항목으로 이동한다." },
    { "chart_axis", "" },   /* "" = the first series' label */
    { "entities", "대상별 상세" },
    { "entities_intro", "주요 문장은 그 대상에 대해 추출된 사실의 종류(표의 열)가 가장 많은 "
                        "문장이고, 같으면 사실이 더 많은 문장, 그래도 같으면 먼저 나온 기사(날짜, "
                        "기사 번호 순)의 앞 문장이다. 같은 문장이 여러 기사에 실리면 한 번만 "
                        "싣는다." },
    { "sources", "출처" },
    { "sources_uncited", "그 밖의 기사" },
    { "changes", "이번 주 달라진 점" },
    { "changes_none", "아카이브에 이전 주 자료가 없어 달라진 점을 비교하지 않았다." },
    { "changes_since", "비교 기준 주:" },
    { "changes_previous", "이전 값" },
    { "changes_current", "이번 값" },
    { "changes_kind", "구분" },
    { "changes_new", "신규" },
    { "changes_changed", "변경" },
    { "coverage_title", "언론사별 보도" },
    { "coverage_intro", "대상별 언론사 기사 수다(한 기사가 여러 대상을 다루면 대상마다 센다). "
                        "언급은 이름이 나온 문장 수다." },
    { "coverage_none", "이 기간에 대상을 다룬 기사가 없다." },
    { "coverage_other", "그 밖의 언론사" },
    { "coverage_other_entities", "그 밖의 대상" },
    { "coverage_total", "기사 합계" },
    { "coverage_mentions", "언급" },
    { "trend", "주별 언급 추이" },
    { "trend_intro", "주마다 대상의 이름이 나온 문장 수다. 선 끝의 숫자는 이번 주 값이다." },
    { "trend_gap", " 흐린 주는 실행 기록이 없는 주로, 0이 아니다." },
    { "trend_gap_alt", " 기록 없는 주:" },
    { "trend_none", "아카이브에 이전 주 자료가 없어 추이를 그리지 않았다." },
    { "trend_axis", "언급 문장 수" },
    { "conflicts", "엇갈린 수치" },
    { "conflicts_intro", "값마다 그 값을 전한 문장을 하나씩 싣는다(모두 conflicts.csv에 있다). "
                         "반올림 범위 안에서 정확한 값과 맞는 근삿값은 엇갈림이 아니다." },
    { "conflicts_none", "기사끼리 엇갈린 값이 없다." },
    { "conflicts_between", "기사끼리 엇갈린 값" },
    { "conflicts_internal", "한 기사 안에서 엇갈린 값" },
    { "conflicts_internal_intro", "한 기사가 한 항목에 두 값을 적은 경우다." },
    { "conflicts_tie", "동수" },
    { "conflicts_chosen", "표에 실은 값" },
    { "conflicts_cell", "대상 · 항목" },
    { "conflicts_evidence", "값과 그 값을 전한 문장" },
    { "conflicts_more", "그 밖의 엇갈림" },
    { "conflicts_more_where", "은 conflicts.csv에 모두 있다." },
    { "articles_short", "기사" },
    /* nouns for what the template tracks */
    { "entity", "대상" },
    { "counter", "곳" },
    { "topic", "" },          /* "" = the topic entity's name */
    { "topic_heading", "" },  /* "" = no prefix before the topic entity's section title */
    { "flagship", "대표" },
    { "budget", "합계" },
    /* small words */
    { "key_sentences", "주요 문장" },
    { "coverage", "보도" },
    { "figure_item", "항목" },
    { "figure_content", "내용 [출처]" },
    { "none_reported", "보도된 값이 없다." },
    { "missing", "미공개" },
    { "missing_chart", "미공개 (보도 없음)" },
    { "conflict_lead", " — 엇갈림: " },
    { "vs", " 대 " },
    { "period", "대상 기간" },
    { "articles", "수집 기사" },
    { "as_of", "기준 시각" },
    { "generated", "생성 시각" },
    { "no_date", "날짜 정보 없음" },
    { "title", "브리핑" },
    { "unknown_publisher", "(매체 미상)" },
    { "untitled", "(제목 없음)" },
    { "reporter", "기자" },
    { "table_continued", "(계속)" },
    { "policy_latest", "최신 보도 기준" },
    { "policy_largest", "최댓값 기준" },
};

#define N_DEFAULTS (sizeof defaults / sizeof defaults[0])

int template_word_known(const char *key)
{
    for (size_t i = 0; i < N_DEFAULTS; i++)
        if (!strcmp(defaults[i].key, key))
            return 1;
    return 0;
}

const char *template_word_key(size_t i)
{
    return i < N_DEFAULTS ? defaults[i].key : NULL;
}

const char *template_word(const struct template *tpl, const char *key)
{
    const struct template_map *m = tpl ? &tpl->layout.labels : NULL;
    for (size_t i = 0; m && i < m->count; i++)
        if (!strcmp(m->items[i].key, key))
            return m->items[i].value;
    for (size_t i = 0; i < N_DEFAULTS; i++)
        if (!strcmp(defaults[i].key, key))
            return defaults[i].text;
    return "";
}

const char *template_value_label(const struct template *tpl, const char *value)
{
    const struct template_map *m = &tpl->layout.value_labels;
    for (size_t i = 0; i < m->count; i++)
        if (!strcmp(m->items[i].key, value))
            return m->items[i].value;
    return value;
}
