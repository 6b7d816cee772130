/* test_quantity.c — the quantity normaliser: every form in a table, bad input, the API on exact
 * decimals, the `exporter quantities` output, and every figure in the sample articles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/diag.h"
#include "extract/quantity.h"

/* ---- Rendering: "TEXT|VALUE|UNIT|QUALIFIER|ROLE ; …" ---- */

static void render_one(struct buf *b, const char *text, const struct quantity *q)
{
    char v[64];
    decimal_format(&q->value, v, sizeof v);
    buf_append(b, text + q->offset, q->length);
    buf_putc(b, '|');
    buf_puts(b, v);
    if (q->qualifier == QUAL_RANGE) {
        char h[64];
        decimal_format(&q->high, h, sizeof h);
        buf_printf(b, "..%s", h);
    }
    buf_printf(b, "|%s|%s|%s", q->unit, quantity_qualifier_name(q->qualifier), quantity_role_name(q->role));
}

static char *render(const char *text)
{
    struct quantity_list list = { 0 };
    struct buf b = BUF_INIT;
    int rc = quantity_scan(text, strlen(text), &list, NULL);
    assert_int_equal(rc, 0);
    for (size_t k = 0; k < list.count; k++) {
        if (k)
            buf_puts(&b, " ; ");
        render_one(&b, text, &list.items[k]);
    }
    for (size_t k = 0; k < list.n_issues; k++)
        buf_printf(&b, "%s!%s", b.len ? " ; " : "", list.issues[k].message);
    quantity_list_free(&list);
    return buf_detach(&b);
}

/* ---- Every form ---- */

static const struct { const char *input, *expected; } cases[] = {
    { "1,020억", "1,020억|102000000000|||" },
    { "72.03점", "72.03점|72.03|score||" },
    { "10.7B", "10.7B|10700000000|||" },
    { "1조 2000억", "1조 2000억|1200000000000|||" },
    { "1조2천억", "1조2천억|1200000000000|||" },
    { "3천억", "3천억|300000000000|||" },
    { "3백만", "3백만|3000000|||" },
    { "5000억", "5000억|500000000000|||" },
    { "1조 2천억 원", "1조 2천억 원|1200000000000|KRW||" },
    { "2천5백만 원", "2천5백만 원|25000000|KRW||" },
    /* one space between 천/백/십 parts of a section */
    { "2천 5백만 원", "2천 5백만 원|25000000|KRW||" },
    { "1억 2천 5백만 원", "1억 2천 5백만 원|125000000|KRW||" },
    { "3조 2천 5백억 원", "3조 2천 5백억 원|3250000000000|KRW||" },
    { "1만 2천 3백 명", "1만 2천 3백 명|12300|people||" },
    { "삼천 오백 명", "삼천 오백 명|3500|people||" },
    /* temperatures; 영하 is a minus sign, glued or not */
    { "영하 12.5도", "영하 12.5도|-12.5|celsius||" },
    { "영하10도", "영하10도|-10|celsius||" },
    { "35.2℃", "35.2℃|35.2|celsius||" },
    { "-3°C", "-3°C|-3|celsius||" },
    { "1,000,000명", "1,000,000명|1000000|people||" },
    { "12,345.67달러", "12,345.67달러|12345.67|USD||" },
    { "오천억", "오천억|500000000000|||" },
    { "이십", "이십|20|||" },
    { "삼만 오천", "삼만 오천|35000|||" },
    { "칠천십이억삼천구백팔십만", "칠천십이억삼천구백팔십만|701239800000|||" },
    { "팔경이천삼백사십오조", "팔경이천삼백사십오조|82345000000000000|||" },
    { "오천억 원", "오천억 원|500000000000|KRW||" },
    { "백만 명", "백만 명|1000000|people||" },
    { "천만", "천만|10000000|||" },
    { "십이", "십이|12|||" },
    { "구십구", "구십구|99|||" },
    { "삼백오십", "삼백오십|350|||" },
    { "일억", "일억|100000000|||" },
    { "영점오", "영점오|0.5|||" },
    { "삼점사", "삼점사|3.4|||" },
    { "이점오배", "이점오배|2.5|multiple||" },
    { "하나", "하나|1|||" },
    { "둘", "둘|2|||" },
    { "셋", "셋|3|||" },
    { "넷", "넷|4|||" },
    { "다섯", "다섯|5|||" },
    { "여섯", "여섯|6|||" },
    { "일곱", "일곱|7|||" },
    { "여덟", "여덟|8|||" },
    { "아홉", "아홉|9|||" },
    { "스물", "스물|20|||" },
    { "서른", "서른|30|||" },
    { "마흔", "마흔|40|||" },
    { "예순", "예순|60|||" },
    { "일흔", "일흔|70|||" },
    { "여든", "여든|80|||" },
    { "아흔", "아흔|90|||" },
    { "서른다섯", "서른다섯|35|||" },
    { "쉰두", "쉰두|52|||" },
    { "스물하나", "스물하나|21|||" },
    { "열하나", "열하나|11|||" },
    { "아흔아홉", "아흔아홉|99|||" },
    { "열두 명", "열두 명|12|people||" },
    { "한 개", "한 개|1|count||" },
    { "두 명", "두 명|2|people||" },
    { "세 번", "세 번|3|times||" },
    { "네 곳", "네 곳|4|places||" },
    { "스무 개", "스무 개|20|count||" },
    { "다섯 개", "다섯 개|5|count||" },
    { "쉰두 명", "쉰두 명|52|people||" },
    { "한 대", "한 대|1|units||" },
    { "두가지", "두가지|2|kinds||" },
    { "하나의 모델", "하나|1|||" },
    { "둘이서", "둘|2|||" },
    { "500B", "500B|500000000000|||" },
    { "32B", "32B|32000000000|||" },
    { "1.5T", "1.5T|1500000000000|||" },
    { "7M", "7M|7000000|||" },
    { "10K", "10K|10000|||" },
    { "100B-A10", "100B|100000000000|||total ; A10|10000000000|||active" },
    { "20B-A2B", "20B|20000000000|||total ; A2B|2000000000|||active" },
    { "7B-A1B MoE", "7B|7000000000|||total ; A1B|1000000000|||active" },
    { "500B(5000억 개)", "500B(5000억 개)|500000000000|count||" },
    { "32B(320억 개)", "32B(320억 개)|32000000000|count||" },
    { "5000억개(500B)", "5000억개(500B)|500000000000|count||" },
    { "100B(1000억 개)", "100B(1000억 개)|100000000000|count||" },
    { "500B(400억 개)", "500B(400억 개)|500000000000|count||" },
    { "GPT-OSS 120B", "120B|120000000000|||name" },
    { "큐웬 3 235B", "235B|235000000000|||name" },
    { "큐웬3 235B", "235B|235000000000|||name" },
    { "큐웬 3-235B", "235B|235000000000|||name" },
    { "HyperClova X SEED 8B", "8B|8000000000|||name" },
    { "5000억개", "5000억개|500000000000|count||" },
    { "1000개", "1000개|1000|count||" },
    { "3명", "3명|3|people||" },
    { "10건", "10건|10|cases||" },
    { "512장", "512장|512|sheets||" },
    { "3대", "3대|3|units||" },
    { "2억 번", "2억 번|200000000|times||" },
    { "72점", "72점|72|score||" },
    { "95%", "95%|95|percent||" },
    { "95％", "95％|95|percent||" },
    { "2%p", "2%p|2|percent_point||" },
    { "3%포인트", "3%포인트|3|percent_point||" },
    { "5퍼센트", "5퍼센트|5|percent||" },
    { "20조 토큰", "20조 토큰|20000000000000|tokens||" },
    { "2배", "2배|2|multiple||" },
    { "5곳", "5곳|5|places||" },
    { "13종", "13종|13|kinds||" },
    { "1000원", "1000원|1000|KRW||" },
    { "628억 원", "628억 원|62800000000|KRW||" },
    { "1000만원", "1000만원|10000000|KRW||" },
    { "3억 달러", "3억 달러|300000000|USD||" },
    { "100억엔", "100억엔|10000000000|JPY||" },
    { "10억 위안", "10억 위안|1000000000|CNY||" },
    { "1조 원대", "1조 원대|1000000000000|KRW|approx|" },
    { "3%대", "3%대|3|percent|approx|" },
    { "약 330억", "약 330억|33000000000||approx|" },
    { "약330억", "약330억|33000000000||approx|" },
    { "대략 100명", "대략 100명|100|people|approx|" },
    { "최대 20조 토큰", "최대 20조 토큰|20000000000000|tokens|at_most|" },
    { "최소 5개", "최소 5개|5|count|at_least|" },
    { "330억 가량", "330억 가량|33000000000||approx|" },
    { "330억가량", "330억가량|33000000000||approx|" },
    { "50명 정도", "50명 정도|50|people|approx|" },
    { "1000여명", "1000여명|1000|people|approx|" },
    { "40여 곳", "40여 곳|40|places|approx|" },
    { "10여 개", "10여 개|10|count|approx|" },
    { "95% 이상", "95% 이상|95|percent|at_least|" },
    { "100억이 넘는", "100억이 넘는|10000000000||at_least|" },
    { "100억 넘게", "100억 넘게|10000000000||at_least|" },
    { "5000억 원을 넘어", "5000억 원을 넘어|500000000000|KRW|at_least|" },
    { "100억 초과", "100억 초과|10000000000||more_than|" },
    { "5건 이하", "5건 이하|5|cases|at_most|" },
    { "10% 미만", "10% 미만|10|percent|less_than|" },
    { "3명 남짓", "3명 남짓|3|people|approx|" },
    { "10% 안팎", "10% 안팎|10|percent|approx|" },
    { "30% 내외", "30% 내외|30|percent|approx|" },
    { "10~20억", "10~20억|1000000000..2000000000||range|" },
    { "10억~20억 원", "10억~20억 원|1000000000..2000000000|KRW|range|" },
    { "3~5명", "3~5명|3..5|people|range|" },
    { "1~2", "1~2|1..2||range|" },
    { "95～97%", "95～97%|95..97|percent|range|" },
    { "10억 ~ 20억", "10억 ~ 20억|1000000000..2000000000||range|" },
    { "5천~1만 명", "5천~1만 명|5000..10000|people|range|" },
    { "7~13B", "7~13B|7000000000..13000000000||range|" },
    { "B2B", "" },
    { "B2C", "" },
    { "B200", "" },
    { "K1", "" },
    { "1차", "" },
    { "3대 강국", "" },
    { "3대강국", "" },
    { "큐웬3-VL-32B", "" },
    { "인턴VL3_5-38B", "" },
    { "솔라-오픈-100B", "" },
    { "A.X K1", "" },
    { "A100같은", "" },
    { "3D 생성", "" },
    { "GPT-4", "" },
    { "뉴스1", "" },
    { "12월 30일", "" },
    { "2026년", "" },
    { "4주", "" },
    { "6개월", "6개월|6|months||" },
    { "2시30분", "" },
    { "10분 이내", "" },
    { "1월 15일", "" },
    { "5년째", "" },
    { "1등급", "" },
    { "세계 3위", "3위|3|rank||" },
    { "2차수", "" },
    { "3·4차수", "" },
    { "1, 2차", "" },
    { "2026~2027년", "" },
    { "2025-12-28 00:00", "" },
    { "06:02:09", "" },
    { "029", "" },
    { "https://example.com/article/029/0003001728", "" },
    { "&#x27;솔라&#39;", "" },
    { "두 번째", "" },
    { "한 달", "" },
    { "스무 살", "" },
    { "세계", "" },
    { "네이버", "" },
    { "한국", "" },
    { "하나금융", "" },
    { "열린", "" },
    { "쉰 목소리", "" },
    { "이번 사업", "" },
    { "일본", "" },
    { "사이", "" },
    { "오는 30일", "" },
    { "만큼", "" },
    { "조만간", "" },
    { "억만장자", "" },
    { "구조", "" },
    { "이만 줄인다", "" },
    { "만 원", "만 원|10000|KRW||" },
    { "천 명", "천 명|1000|people||" },
    { "딥시크 V 3.1", "" },
    { "엑사원 4.0", "4.0|4|||" },
    { "총 5190억개", "5190억개|519000000000|count||" },
    { "-3%", "-3%|-3|percent||" },
    { "1만 2000명", "1만 2000명|12000|people||" },
    { "1만2000명", "1만2000명|12000|people||" },
    { "1억 5천만 원", "1억 5천만 원|150000000|KRW||" },
    { "100억만 투입", "100억|10000000000|||" },
    { "B200 512장", "512장|512|sheets||" },
    { "3차례", "3차례|3|times||" },
    { "5개국", "5개국|5|count||" },
    { "4개팀", "4개팀|4|count||" },
    { "GPU 1만 대", "1만 대|10000|units||" },
    { "20대 남성", "" },
    { "5000억개 이상", "5000억개 이상|500000000000|count|at_least|" },
    { "1조 개 이상", "1조 개 이상|1000000000000|count|at_least|" },
    { "100억원대", "100억원대|10000000000|KRW|approx|" },
    { "10000경", "10000경|100000000000000000000|||" },
    { "SKT는 500B 규모가 1조, 2조로 커진다", "500B 규모|500000000000||approx| ; 1조|1000000000000||| ; 2조|2000000000000|||" },
    { "평균 72.03점을 기록했다. 이는 큐웬3 235B의 69.37점을 10% 이상 앞섰다", "72.03점|72.03|score|| ; 235B|235000000000|||name ; 69.37점|69.37|score|| ; 10% 이상|10|percent|at_least|" },
    { "사업 규모는 데이터 분야에 628억 원, GPU 지원에 1576억 원이 할당됐다", "628억 원|62800000000|KRW|| ; 1576억 원|157600000000|KRW||" },
    { "이 세 개를 통합적으로 이해한다", "세 개|3|count||" },
    { "NC AI는 14개의 컨소시엄과 40여 곳의 수요기관과 함께", "14개|14|count|| ; 40여 곳|40|places|approx|" },
    { "솔라-오픈-100B는 1020억 개의 매개변수를 갖췄으며, 102억 개가 동작한다", "1020억 개|102000000000|count|| ; 102억 개|10200000000|count||" },
    { "148%, 110%까지 높다", "148%|148|percent|| ; 110%|110|percent||" },
    { "오픈AI GPT-OSS 120B, 큐웬 3 235B와 비교해", "120B|120000000000|||name ; 235B|235000000000|||name" },
    { "1,000만 이용자", "1,000만|10000000|||" },
    { "880만 건, 파생 모델만 300건 이상", "880만 건|8800000|cases|| ; 300건 이상|300|cases|at_least|" },
    { "하이퍼클로바X 시드 32B 싱크", "32B|32000000000|||" },
    { "20B-A2B MoE, 7B-A1B MoE", "20B|20000000000|||total ; A2B|2000000000|||active ; 7B|7000000000|||total ; A1B|1000000000|||active" },
    { "중이다.28일 업계", "" },
    { "10.2B", "10.2B|10200000000|||" },
    { "102억", "102억|10200000000|||" },
    { "조사를 했다", "" },
    { "만일 그렇다면", "" },
    { "경이로운", "" },
    { "만이천 명", "만이천 명|12000|people||" },
    { "4K 영상", "" },
    { "5·18 민주화운동", "" },
    { "3·1절", "" },
    { "21대 국회", "" },
    { "$10B", "$10B|10000000000|USD||" },
    { "$5", "$5|5|USD||" },
    { "매출 3조 5천억 원을 기록", "3조 5천억 원|3500000000000|KRW||" },
    { "주가는 7만 2000원", "7만 2000원|72000|KRW||" },
    { "1,000원짜리", "1,000원|1000|KRW||" },
    { "두 사람은", "두 사람|2|people||" },
    { "한 관계자는", "" },
    { "한편", "" },
    { "하나씩", "하나|1|||" },
    { "열린 마음", "" },
    { "서른 살", "" },
    { "세 가지", "세 가지|3|kinds||" },
    { "24시간", "24시간|24|hours||" },
    { "3분기", "" },
    { "1/4", "1/4|0.25|fraction||" },
    { "1/4분기", "" },
    { "COVID-19", "" },
    { "코로나19", "" },
    { "제2의", "" },
    { "천천히", "" },
    { "만세", "" },
    { "억지로", "" },
    { "두세 명", "두세 명|2..3|people|range|" },
    { "한두 개", "한두 개|1..2|count|range|" },
    { "서너 곳", "서너 곳|3..4|places|range|" },
    { "대여섯 개", "대여섯 개|5..6|count|range|" },
    { "대여섯", "" },
    { "대표", "" },
    { "두세계", "" },

    /* Units from the registry: converted to the canonical unit, Korean and Latin spellings. */
    { "420GWh", "420GWh|420000000000|Wh||" },
    { "210기가와트시", "210기가와트시|210000000000|Wh||" },
    { "4만 2150GWh", "4만 2150GWh|42150000000000|Wh||" },
    { "1만2480기가와트시", "1만2480기가와트시|12480000000000|Wh||" },
    { "1.5MWh", "1.5MWh|1500000|Wh||" },
    { "350킬로와트시", "350킬로와트시|350000|Wh||" },
    { "2만 6050MW", "2만 6050MW|26050000000|W||" },
    { "10.8GW", "10.8GW|10800000000|W||" },
    { "500kW급", "500kW급|500000|W|approx|" },
    { "3t", "3t|3000|kg||" },
    { "5kg", "5kg|5|kg||" },
    { "120톤", "120톤|120000|kg||" },
    { "300g", "300g|0.3|kg||" },
    { "2L", "2L|2|L||" },
    { "500mL", "500mL|0.5|L||" },
    { "10㎥", "10㎥|10000|L||" },
    { "42km", "42km|42000|m||" },
    { "100m", "100m|100|m||" },
    { "84㎡", "84㎡|84|m2||" },
    { "30평", "30평|99.174|m2||" },
    { "8GB", "8GB|8000000000|bytes||" },
    { "1.2TB", "1.2TB|1200000000000|bytes||" },
    { "6개월", "6개월|6|months||" },
    { "3년간", "3년간|3|years||" },
    { "2주간", "2주간|2|weeks||" },
    { "21승 9무 7패", "21승|21|wins|| ; 9무|9|draws|| ; 7패|7|losses||" },
    { "64골", "64골|64|goals||" },
    { "리그 1위", "1위|1|rank||" },
    { "151석", "151석|151|seats||" },
    { "52만 표", "52만 표|520000|votes||" },
    { "3만 가구", "3만 가구|30000|households||" },
    { "1,000주", "1,000주|1000|shares||" },
    { "100만 주", "100만 주|1000000|shares||" },
    { "4주 이상", "" },
    { "3 kg", "3 kg|3|kg||" },
    { "3 t", "3|3|||" },      /* a lone Latin letter after a space is no unit */
    { "5G", "" },
    { "3D", "" },
    { "3kgs", "" },

    /* Foreign money. */
    { "EUR 20", "EUR 20|20|EUR||" },
    { "20 EUR", "20 EUR|20|EUR||" },
    { "USD20", "USD20|20|USD||" },
    { "US$5", "US$5|5|USD||" },
    { "€ 30", "€ 30|30|EUR||" },
    { "£7", "£7|7|GBP||" },
    { "¥500", "¥500|500|JPY||" },
    { "₩5000", "₩5000|5000|KRW||" },
    { "구파운드", "구파운드|9|GBP||" },
    { "십센트", "십센트|0.1|USD||" },
    { "50센트", "50센트|0.5|USD||" },
    { "만불", "만불|10000|USD||" },
    { "300만 달러", "300만 달러|3000000|USD||" },
    { "20억 위안", "20억 위안|2000000000|CNY||" },
    { "BEUR 20", "" },
    { "3 GBP 3", "3 GBP|3|GBP||" },   /* a code closes one figure, never opens the next */
    { "3% 마이너스", "3%|3|percent||" },

    /* Signs: -, 마이너스, △ (a decrease in Korean financial tables); ▲ is an increase. */
    { "-3%", "-3%|-3|percent||" },
    { "마이너스 3%", "마이너스 3%|-3|percent||" },
    { "마이너스3%", "마이너스3%|-3|percent||" },
    { "△1,176억 원", "△1,176억 원|-117600000000|KRW||" },
    { "▲5%", "5%|5|percent||" },
    /* a numeral written from its point; a point that ends a glued sentence is none */
    { "타율 .347로 올랐다", ".347|0.347|||" },
    { "(.5%)", ".5%|0.5|percent||" },
    { "발표했다.5개 팀", "5개|5|count||" },
    { "값 .1,000", "" },
    /* arrows: a falling one before or glued after the figure is its minus, a rising one none */
    { "(↓1.2%)", "↓1.2%|-1.2|percent||" },
    { "매출 12.5%↓, 이익 3%↑", "12.5%↓|-12.5|percent|| ; 3%|3|percent||" },
    { "3%↓1.2%", "3%|3|percent|| ; ↓1.2%|-1.2|percent||" },
    { "↓0%", "↓0%|0|percent||" },
    { "\xE2\x88\x92" "3%", "\xE2\x88\x92" "3%|-3|percent||" },   /* U+2212 MINUS SIGN */
    { "영업이익 △312억 원, 순이익 △40억 원", "△312억 원|-31200000000|KRW|| ; △40억 원|-4000000000|KRW||" },
    { "△AI 반도체 △3개 사업 육성", "3개|3|count||" },         /* △ as a list bullet */
    { "1–3명", "1–3명|1..3|people|range|" },                 /* an en dash joins a range… */
    { "2–0 승리", "" },                                      /* …or a score, and is no minus */
    { "득실차 마이너스 4", "마이너스 4|-4|||" },
    { "전년 대비 -2.5%p", "-2.5%p|-2.5|percent_point||" },
    /* points: an index's or a poll's; basis points are hundredths of a percentage point */
    { "코스피는 25.3포인트 올랐다", "25.3포인트|25.3|points||" },
    { "기준금리 25bp 인하", "25bp|0.25|percent_point||" },
    { "25 bp", "25|25|||" },   /* bp counts only glued, like t or g */
    { "3-4", "" },
    { "A-3", "" },

    /* A copula or connective ending glued to the unit closes the figure; it is matched to the
     * end of the word, so a word that merely starts with the same syllable stays a word. */
    { "투자액은 52억 달러다.", "52억 달러|5200000000|USD||" },
    { "매장은 120개며 직원은 3만명이고", "120개|120|count|| ; 3만명|30000|people||" },
    { "매출은 10조 원이었고", "10조 원|10000000000000|KRW||" },
    { "이익은 1조 원이지만", "1조 원|1000000000000|KRW||" },
    { "점유율 10%였다", "10%|10|percent||" },
    { "3개다리", "3|3|||" },
    /* Nouns that make a figure approximate: 규모, 수준 (spaced or glued), 급 (glued only). */
    { "5000억 원 규모로", "5000억 원 규모|500000000000|KRW|approx|" },
    { "3% 수준이다", "3% 수준|3|percent|approx|" },
    { "200B급 모델", "200B급|200000000000||approx|" },
    { "3배 급증했다", "3배|3|multiple||" },
    { "100억 원 규모별", "100억 원|10000000000|KRW||" },

    /* Speeds: a length after 초속/시속, or a speed unit. */
    { "초속 43.5m를 기록했다", "초속 43.5m|43.5|m/s||" },
    { "시속 300km로 달린다", "시속 300km|300000|m/h||" },
    { "시속 80㎞ 이하", "시속 80㎞ 이하|80000|m/h|at_most|" },
    { "35.2m/s였다", "35.2m/s|35.2|m/s||" },
    { "제한속도 110km/h", "110km/h|110000|m/h||" },
    { "초속 5 정도", "5 정도|5||approx|" },   /* no length: the rate word says nothing */
    { "길이 3km", "3km|3000|m||" },

    /* Spelled-out Hangul numbers. */
    { "이만칠천원", "이만칠천원|27000|KRW||" },
    { "오만팔천백구십사", "오만팔천백구십사|58194|||" },
    { "삼천오백만 원", "삼천오백만 원|35000000|KRW||" },

    /* Fractions. */
    { "3/4", "3/4|0.75|fraction||" },
    { "1/2 수준", "1/2 수준|0.5|fraction|approx|" },
    { "3분의 1", "3분의 1|0.333333333333333333|fraction||" },
    { "사분의 삼", "사분의 삼|0.75|fraction||" },
    { "10분의 1", "10분의 1|0.1|fraction||" },
    { "12/25", "" },
    { "3/4분기", "" },
    { "1/2/3", "" },
    { "이분의 일이 많다", "" },
    { "구분의 기준", "" },

    /* Hyphen ranges: closed by a unit or a Korean scale, ends rising. */
    { "10-20%", "10-20%|10..20|percent|range|" },
    { "3-5명", "3-5명|3..5|people|range|" },
    { "10-20억 원", "10-20억 원|1000000000..2000000000|KRW|range|" },
    { "2-0", "" },
    { "1-3", "" },
    { "5-3명", "" },
    { "1-3월", "" },
    { "2025-12-28", "" },

    /* Words of news prose that read like numerals. */
    { "이번", "" }, { "일부", "" }, { "구조", "" }, { "오만하다", "" }, { "삼성", "" },
    { "사과", "" }, { "십상", "" }, { "사원", "" }, { "구원", "" }, { "일원", "" },
    { "이표", "" }, { "영하", "" }, { "이만큼", "" }, { "사이", "" }, { "구간", "" },
    { "오류", "" }, { "일주일", "" }, { "이주", "" }, { "삼주", "" }, { "백기", "" },
    { "천국", "" }, { "만나", "" }, { "일", "" }, { "이", "" }, { "영", "" },
    { "이동", "" }, { "사업", "" }, { "오후", "" }, { "구매", "" }, { "팔다", "" },
};

static void test_forms(void **state)
{
    (void)state;
    size_t failed = 0;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char *got = render(cases[k].input);
        if (strcmp(got, cases[k].expected) != 0) {
            print_message("case %zu: %s\n  expected: %s\n  got:      %s\n", k, cases[k].input,
                          cases[k].expected, got);
            failed++;
        }
        free(got);
    }
    assert_int_equal(failed, 0);
}

static void test_case_count(void **state)
{
    (void)state;
    assert_true(sizeof cases / sizeof cases[0] >= 150);
}

/* ---- Flags and spans ---- */

static void test_restatement_flags(void **state)
{
    (void)state;
    struct quantity_list list = { 0 };
    const char *t = "매개변수 500B(5000억 개) 모델과 500B(400억 개) 모델";
    assert_int_equal(quantity_scan(t, strlen(t), &list, NULL), 0);
    assert_int_equal(list.count, 2);
    assert_true(list.items[0].restated);
    assert_true(list.items[0].restatement_agrees);
    assert_true(list.items[0].english_scale);
    assert_string_equal(list.items[0].unit, "count");
    assert_int_equal(list.items[0].offset, strlen("매개변수 "));
    assert_int_equal(list.items[0].length, strlen("500B(5000억 개)"));
    assert_true(list.items[1].restated);
    assert_false(list.items[1].restatement_agrees);
    quantity_list_free(&list);
}

static void test_english_scale_flag(void **state)
{
    (void)state;
    struct quantity_list list = { 0 };
    const char *t = "10.2B 102억 100B-A10";
    assert_int_equal(quantity_scan(t, strlen(t), &list, NULL), 0);
    assert_int_equal(list.count, 4);
    assert_true(list.items[0].english_scale);
    assert_false(list.items[1].english_scale);
    assert_int_equal(decimal_cmp(&list.items[0].value, &list.items[1].value), 0);
    assert_int_equal(list.items[2].role, QROLE_TOTAL);
    assert_int_equal(list.items[3].role, QROLE_ACTIVE);
    assert_true(list.items[3].english_scale);
    quantity_list_clear(&list);
    assert_int_equal(list.count, 0);
    assert_int_equal(quantity_scan("", 0, &list, NULL), 0);
    assert_int_equal(list.count, 0);
    quantity_list_free(&list);
    quantity_list_free(NULL);
}

static void test_text_order_and_reuse(void **state)
{
    (void)state;
    struct quantity_list list = { 0 };
    const char *t = "3명, 5곳, 7건, 9장";
    for (int round = 0; round < 3; round++) {
        quantity_list_clear(&list);
        assert_int_equal(quantity_scan(t, strlen(t), &list, NULL), 0);
        assert_int_equal(list.count, 4);
        for (size_t k = 1; k < list.count; k++)
            assert_true(list.items[k].offset > list.items[k - 1].offset);
    }
    quantity_list_free(&list);
}

/* ---- Bad input ---- */

static const struct { const char *input, *message, *span; } bad_cases[] = {
    { "개수는 1,,000이다", "repeated comma", "1,,000" },
    { "1,,,000개", "repeated comma", "1,,,000" },
    { "1,000,00명", "bad digit grouping", "1,000,00" },
    { "억억", "repeated unit", "억억" },
    { "5억억 원", "repeated unit", "5억억" },
    { "3조조", "repeated unit", "3조조" },
    { "5만억", "units out of order", "5만억" },
    { "1억2억", "repeated unit", "1억2억" },
    { "1.2.3조", "more than one decimal point", "1.2.3조" },
    { "1.2.3개", "more than one decimal point", "1.2.3개" },
    { "1.2.3B", "more than one decimal point", "1.2.3B" },
    { "99999999999999999999999", "past 10^20", "99999999999999999999999" },
    { "10001경", "past 10^20", "10001경" },
    { "1000000경 원", "past 10^20", "1000000경" },
    { "200000000000B", "past 10^20", "200000000000B" },
    { "100001경개", "past 10^20", "100001경" },
    { "0.1234567890123456789", "more than 18 decimal places", "0.1234567890123456789" },
    { "123456789012345678901234567890123456789012345678901234567890", "past 10^20", NULL },
};

static void test_bad_input(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof bad_cases / sizeof bad_cases[0]; k++) {
        struct quantity_list list = { 0 };
        const char *t = bad_cases[k].input;
        assert_int_equal(quantity_scan(t, strlen(t), &list, NULL), 0);
        if (list.n_issues < 1)
            print_message("bad case %zu (%s): no issue\n", k, t);
        assert_true(list.n_issues >= 1);
        assert_non_null(strstr(list.issues[0].message, bad_cases[k].message));
        if (bad_cases[k].span) {
            assert_int_equal(list.issues[0].length, strlen(bad_cases[k].span));
            assert_memory_equal(t + list.issues[0].offset, bad_cases[k].span, list.issues[0].length);
        }
        quantity_list_free(&list);
    }
}

/* 9999경 9999조… is below 10^20 and stays exact far past 2^53. */
static void test_boundaries(void **state)
{
    (void)state;
    char *s = render("구천구백구십구경구천구백구십구조");
    assert_string_equal(s, "구천구백구십구경구천구백구십구조|99999999000000000000|||");
    free(s);
    s = render("9007199254740993개");
    assert_string_equal(s, "9007199254740993개|9007199254740993|count||");
    free(s);
    s = render("100000000000000000000");
    assert_string_equal(s, "100000000000000000000|100000000000000000000|||");
    free(s);
    s = render("100000000000000000001");
    assert_string_equal(s, "!number too large (magnitude past 10^20)");
    free(s);
    s = render("0개 0.5% 9999만 1만");
    assert_string_equal(s, "0개|0|count|| ; 0.5%|0.5|percent|| ; 9999만|99990000||| ; 1만|10000|||");
    free(s);
    s = render("99999999억 1억");
    assert_string_equal(s, "99999999억|9999999900000000||| ; 1억|100000000|||");
    free(s);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    static const struct { const char *text; size_t len, bad; } bad[] = {
        { "5000억\xff개", 11, 7 },
        { "\xc3", 1, 0 },
        { "약 \xed\xa0\x80", 7, 4 },         /* a surrogate */
        { "12\xc0\xaf", 4, 2 },              /* overlong '/' */
        { "가\xe0\x80", 5, 3 },              /* truncated */
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        struct quantity_list list = { 0 };
        size_t off = 999;
        assert_int_equal(quantity_scan(bad[k].text, bad[k].len, &list, &off), -1);
        assert_int_equal(off, bad[k].bad);
        assert_int_equal(list.count, 0);
        assert_int_equal(quantity_scan(bad[k].text, bad[k].len, &list, NULL), -1);
        quantity_list_free(&list);
    }
}

/* Pathological inputs finish quickly (the scanner is linear). */
static void test_pathological(void **state)
{
    (void)state;
    static const char *const units[] = { "억", "1,", "삼", "9", "1조 ", "~", "(", "B2", "하나", "-A1" };
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        struct buf b = BUF_INIT;
        for (int k = 0; k < 100000; k++)
            buf_puts(&b, units[u]);
        struct quantity_list list = { 0 };
        assert_int_equal(quantity_scan(b.data, b.len, &list, NULL), 0);
        quantity_list_free(&list);
        buf_free(&b);
    }
}

/* ---- Exact decimals ---- */

/* ---- The subcommand ---- */

static enum exp_status run_lines(const char *input, size_t len, char **out_text, char **err_text)
{
    FILE *in = fmemopen((void *)input, len, "r");
    size_t on = 0, en = 0;
    FILE *out = open_memstream(out_text, &on);
    FILE *err = open_memstream(err_text, &en);
    assert_non_null(in);
    struct diag d;
    diag_init(&d, err, 0, 0);
    enum exp_status st = quantity_print_lines(in, out, &d);
    fclose(in);
    fclose(out);
    fclose(err);
    return st;
}

static void test_print_lines(void **state)
{
    (void)state;
    char *out, *err;
    const char *in = "SKT는 500B(5000억 개) 모델을\r\n\n10~20억 원, 95% 이상, 100B-A10\n";
    assert_int_equal(run_lines(in, strlen(in), &out, &err), EXP_OK);
    assert_string_equal(out,
                        "1\t500B(5000억 개)\t500000000000\tcount\t\t\n"
                        "3\t10~20억 원\t1000000000..2000000000\tKRW\trange\t\n"
                        "3\t95% 이상\t95\tpercent\tat_least\t\n"
                        "3\t100B\t100000000000\t\t\ttotal\n"
                        "3\tA10\t10000000000\t\t\tactive\n");
    assert_string_equal(err, "");
    free(out);
    free(err);
}

static void test_print_lines_errors(void **state)
{
    (void)state;
    char *out, *err;
    const char in[] = "3명\n개수 1,,000개\n가나 \xff 5명\n억억\n7건\n1.2.3조\n9999999999999999999999\n";
    assert_int_equal(run_lines(in, sizeof in - 1, &out, &err), EXP_DATAERR);
    assert_string_equal(out, "1\t3명\t3\tpeople\t\t\n5\t7건\t7\tcases\t\t\n");
    assert_string_equal(err,
                        "exporter: <stdin>:2:4: error: malformed number (repeated comma): '1,,000'\n"
                        "exporter: <stdin>:3:4: error: invalid UTF-8 (byte 0xFF)\n"
                        "exporter: <stdin>:4:1: error: malformed number (repeated unit): '억억'\n"
                        "exporter: <stdin>:6:1: error: malformed number (more than one decimal point): '1.2.3조'\n"
                        "exporter: <stdin>:7:1: error: number too large (magnitude past 10^20): "
                        "'9999999999999999999999'\n");
    free(out);
    free(err);
}

static void test_print_lines_warns_on_disagreement(void **state)
{
    (void)state;
    char *out, *err;
    const char *in = "500B(400억 개)\n";
    assert_int_equal(run_lines(in, strlen(in), &out, &err), EXP_OK);
    assert_string_equal(out, "1\t500B(400억 개)\t500000000000\tcount\t\t\n");
    assert_non_null(strstr(err, "<stdin>:1:1: warning:"));
    free(out);
    free(err);
}

static void test_print_lines_no_newline_at_end(void **state)
{
    (void)state;
    char *out, *err;
    const char *in = "약 330억개";
    assert_int_equal(run_lines(in, strlen(in), &out, &err), EXP_OK);
    assert_string_equal(out, "1\t약 330억개\t33000000000\tcount\tapprox\t\n");
    free(out);
    free(err);
    assert_int_equal(run_lines("", 0, &out, &err), EXP_OK);
    assert_string_equal(out, "");
    free(out);
    free(err);
}

/* ---- The sample articles ---- */

struct article_expect {
    const char *file;
    const char *const *figures; /* "TEXT|VALUE|UNIT|QUALIFIER|ROLE", NULL-terminated */
};

static const char *const figures_000[] = {
    "5곳|5|places||", "5000억개(500B) 규모|500000000000|count|approx|", "5190억개|519000000000|count||",
    "약 330억개|33000000000|count|approx|", "200B급|200000000000||approx|", "5개|5|count||",
    "1개|1|count||", "2개|2|count||", "95% 이상|95|percent|at_least|", NULL,
};
static const char *const figures_001[] = {
    "5개|5|count||", "32B|32000000000|||", "8B|8000000000|||", "두가지|2|kinds||",
    "32B(320억 개) 규모|32000000000|count|approx|", "100B(1000억 개) 규모|100000000000|count|approx|",
    "100B 규모|100000000000||approx|", "28개|28|count||", "500B 규모|500000000000||approx|",
    "1조|1000000000000|||", "2조 규모|2000000000000||approx|", "500B 이상|500000000000||at_least|",
    "2360억 개 규모|236000000000|count|approx|", "13종|13|kinds||", "72.03점|72.03|score||",
    "235B|235000000000|||name", "69.37점|69.37|score||", "10% 이상|10|percent|at_least|",
    "2개|2|count||", NULL,
};
static const char *const figures_002[] = {
    "다섯 개|5|count||", "95% 이상|95|percent|at_least|", "한 개|1|count||",
    "628억 원|62800000000|KRW||", "1576억 원|157600000000|KRW||", "250억 원|25000000000|KRW||",
    "세 개|3|count||", "8B|8000000000|||name", "95%|95|percent||", "32B|32000000000|||",
    "8B|8000000000|||", "14개|14|count||", "40여 곳|40|places|approx|", "28개|28|count||",
    "4개|4|count||", "100B|100000000000|||total", "A10|10000000000|||active",
    "20B|20000000000|||total", "A2B|2000000000|||active", "7B|7000000000|||total",
    "A1B|1000000000|||active", "최대 20조 토큰 규모|20000000000000|tokens|at_most|",
    "14종|14|kinds||", "200B|200000000000|||", "10.7B|10700000000|||", "30B 수준|30000000000||approx|",
    "2억 번 이상|200000000|times|at_least|", "1020억 개|102000000000|count||",
    "102억 개|10200000000|count||", "10명|10|people||", "300B|300000000000|||",
    "500B(5000억 개)|500000000000|count||", "1000B|1000000000000|||",
    "1조 개 이상|1000000000000|count|at_least|", "33B|33000000000|||", "148%|148|percent||",
    "110%|110|percent||", "1조|1000000000000|||", "2조 규모|2000000000000||approx|",
    "1,000만|10000000|||", "880만 건|8800000|cases||", "300건 이상|300|cases|at_least|",
    "512장|512|sheets||", "236|236|||", "235B|235000000000|||name",
    "최대 30% 수준|30|percent|at_most|", "120B|120000000000|||name", "한 곳|1|places||",
    "5개|5|count||", NULL,
};
static const char *const figures_003[] = {
    "5개|5|count||", "4개팀|4|count||", "1~2|1..2||range|", NULL,
};
static const char *const figures_004[] = {
    "5개|5|count||", "1000여명|1000|people|approx|", "5000억개|500000000000|count||",
    "5000억개 이상|500000000000|count|at_least|", NULL,
};

static const struct article_expect articles[] = {
    { "examples/articles/000_a01ba545a0ffea06.txt", figures_000 },
    { "examples/articles/001_fb8133d21bfd6a82.txt", figures_001 },
    { "examples/articles/002_489791d6e137b096.txt", figures_002 },
    { "examples/articles/003_013baa60081ba392.txt", figures_003 },
    { "examples/articles/004_15f6b37683b40829.txt", figures_004 },
};

/* Text that holds numbers but no figure: names, dates, durations, ordinals, ids. */
static const char *const not_figures[] = {
    "B2B", "B2C", "B2G", "A.X K1", "X K1", "1차", "2차", "3차", "4차", "3대 강국", "12월 30일",
    "30일", "28일", "31일", "2026년", "2027년", "2020년", "2021년", "4주", "10분",
    "큐웬3-VL-32B", "인턴VL3_5-38B", "솔라-오픈-100B", "B200", "A100", "3D", "1등급", "2등급",
    "5년째", "2시30분", "1월 15일", "뉴스1", "3·4차수", "1차수", "2차수", "2026~2027년",
    "V 3.1", "2025-12-28", "2025-12-30 06:10:02", "0003001728", "0005230666", "029", "1단계",
    "8월", "2월", "&#x27;", "&#x3D;", "큐웬 3-", "큐웬 3 ",
};

/* Names with a size: a figure there must carry role "name". */
static const char *const names_with_size[] = {
    "GPT-OSS 120B", "큐웬3 235B", "큐웬 3 235B", "큐웬 3-235B", "SEED 8B",
};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s (run from the repository root)", path);
    struct buf b = BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return buf_detach(&b);
}

static int overlaps_occurrence(const char *text, size_t len, const char *needle, const struct quantity *q)
{
    size_t nl = strlen(needle);
    for (size_t s = 0; s + nl <= len; s++) {
        if (memcmp(text + s, needle, nl) != 0)
            continue;
        if (q->offset < s + nl && s < q->offset + q->length)
            return 1;
    }
    return 0;
}

static void test_sample_articles(void **state)
{
    (void)state;
    size_t checked = 0;
    for (size_t a = 0; a < sizeof articles / sizeof articles[0]; a++) {
        size_t len;
        char *text = read_file(articles[a].file, &len);
        struct quantity_list list = { 0 };
        assert_int_equal(quantity_scan(text, len, &list, NULL), 0);
        assert_int_equal(list.n_issues, 0);
        char **rendered = xcalloc(list.count + 1, sizeof *rendered);
        for (size_t k = 0; k < list.count; k++) {
            struct buf b = BUF_INIT;
            render_one(&b, text, &list.items[k]);
            rendered[k] = buf_detach(&b);
        }
        for (const char *const *f = articles[a].figures; *f; f++) {
            int found = 0;
            for (size_t k = 0; k < list.count && !found; k++)
                found = strcmp(rendered[k], *f) == 0;
            if (!found)
                print_message("%s: figure not found: %s\n", articles[a].file, *f);
            assert_true(found);
            checked++;
        }
        for (size_t k = 0; k < list.count; k++) {
            const struct quantity *q = &list.items[k];
            for (size_t n = 0; n < sizeof not_figures / sizeof not_figures[0]; n++) {
                if (overlaps_occurrence(text, len, not_figures[n], q))
                    print_message("%s: '%s' reported inside '%s'\n", articles[a].file, rendered[k],
                                  not_figures[n]);
                assert_false(overlaps_occurrence(text, len, not_figures[n], q));
            }
            for (size_t n = 0; n < sizeof names_with_size / sizeof names_with_size[0]; n++)
                if (overlaps_occurrence(text, len, names_with_size[n], q))
                    assert_int_equal(q->role, QROLE_NAME);
            /* Spans stay inside the text and in order. */
            assert_true(q->offset + q->length <= len);
            if (k)
                assert_true(q->offset >= list.items[k - 1].offset + list.items[k - 1].length);
        }
        for (size_t k = 0; k < list.count; k++)
            free(rendered[k]);
        free(rendered);
        quantity_list_free(&list);
        free(text);
    }
    assert_true(checked >= 80);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_count),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_restatement_flags),
        cmocka_unit_test(test_english_scale_flag),
        cmocka_unit_test(test_text_order_and_reuse),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_pathological),
        cmocka_unit_test(test_print_lines),
        cmocka_unit_test(test_print_lines_errors),
        cmocka_unit_test(test_print_lines_warns_on_disagreement),
        cmocka_unit_test(test_print_lines_no_newline_at_end),
        cmocka_unit_test(test_sample_articles),
    };
    return cmocka_run_group_tests_name("quantity", tests, NULL, NULL);
}
