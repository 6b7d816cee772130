/* particles.c — see particles.h. One switch: a syllable listed twice does not compile. */
#include "util/particles.h"

enum {
    NAME = PARTICLE_AFTER_NAME,
    FIGURE = PARTICLE_AFTER_FIGURE,
    COUNTER = PARTICLE_AFTER_COUNTER,
    ANYWHERE = NAME | FIGURE | COUNTER,
};

unsigned particle_places(unsigned cp)
{
    switch (cp) {
    /* Case particles, after any word. */
    case 0xC740: return ANYWHERE | PARTICLE_TOPIC;    /* 은 */
    case 0xB294: return ANYWHERE | PARTICLE_TOPIC;    /* 는 */
    case 0xC774: return ANYWHERE | PARTICLE_SUBJECT;  /* 이, 이다, 이며 */
    case 0xAC00: return ANYWHERE | PARTICLE_SUBJECT;  /* 가; after a figure also 가량 */
    case 0xC744: return ANYWHERE | PARTICLE_OBJECT;   /* 을 */
    case 0xB97C: return ANYWHERE | PARTICLE_OBJECT;   /* 를 */
    case 0xB3C4: return ANYWHERE | PARTICLE_ADDITIVE; /* 도 */
    case 0xC758: return ANYWHERE;                     /* 의 */
    case 0xC5D0: return ANYWHERE;                     /* 에, 에서, 에게 */
    case 0xC640: return ANYWHERE;                     /* 와 */
    case 0xACFC: return ANYWHERE;                     /* 과 */
    case 0xB85C: return ANYWHERE;                     /* 로, 로서 */
    case 0xB9CC: return ANYWHERE;                     /* 만 */
    /* Postpositions and copulas after a name or a figure. */
    case 0xC73C: return NAME | FIGURE;                /* 으로 */
    case 0xAED8: return NAME | FIGURE;                /* 께, 께서 */
    case 0xBD80: return NAME | FIGURE;                /* 부터 */
    case 0xCC98: return NAME | FIGURE;                /* 처럼 */
    case 0xBCF4: return NAME | FIGURE;                /* 보다 */
    case 0xAE4C: return NAME | FIGURE;                /* 까지 */
    case 0xB77C: return NAME | FIGURE;                /* 라고, 라는 */
    case 0xC778: return NAME | FIGURE;                /* 인 */
    case 0xC785: return NAME | FIGURE;                /* 입니다 */
    /* After a name only: more particles, the plural, copula forms. */
    case 0xB791: return NAME;                         /* 랑 */
    case 0xB098: return NAME;                         /* 나 */
    case 0xBA70: return NAME;                         /* 며 */
    case 0xC57C: return NAME;                         /* 야 */
    case 0xC5D4: return NAME;                         /* 엔 */
    case 0xB4E0: return NAME;                         /* 든 */
    case 0xC77C: return NAME;                         /* 일 */
    case 0xB4E4: return NAME;                         /* 들 */
    /* After a figure or a counter: distribution. */
    case 0xC529: return FIGURE | COUNTER;             /* 씩 */
    /* After a figure only: copula forms, limits and qualifiers of an amount. */
    case 0xC600: return FIGURE;                       /* 였다 */
    case 0xB780: return FIGURE;                       /* 란 */
    case 0xB2F9: return FIGURE;                       /* 당 */
    case 0xC9DC: return FIGURE;                       /* 짜리 */
    case 0xC5B4: return FIGURE;                       /* 어치 */
    case 0xCBE4: return FIGURE;                       /* 쯤 */
    case 0xC815: return FIGURE;                       /* 정도 */
    case 0xBBF8: return FIGURE;                       /* 미만 */
    case 0xCD08: return FIGURE;                       /* 초과 */
    case 0xC5EC: return FIGURE;                       /* 여 */
    case 0xB0A8: return FIGURE;                       /* 남짓 */
    case 0xC548: return FIGURE;                       /* 안팎 */
    case 0xB0B4: return FIGURE;                       /* 내외 */
    case 0xADDC: return FIGURE;                       /* 규모 */
    case 0xAE09: return FIGURE;                       /* 급 */
    case 0xC218: return FIGURE;                       /* 수준 */
    case 0xBC16: return FIGURE;                       /* 밖에 */
    case 0xBFD0: return FIGURE;                       /* 뿐 */
    case 0xB9C8: return FIGURE;                       /* 마다 */
    default: return 0;
    }
}

/* How a word ending in cp ends when read aloud. */
enum ending { ENDS_VOWEL, ENDS_RIEUL, ENDS_CONSONANT };

static enum ending ending_of(unsigned cp)
{
    if (cp >= 0xAC00 && cp <= 0xD7A3) {
        unsigned final = (cp - 0xAC00) % 28;   /* the syllable's final consonant; 0: none */
        return final == 0 ? ENDS_VOWEL : final == 8 /* ㄹ */ ? ENDS_RIEUL : ENDS_CONSONANT;
    }
    switch (cp) {
    case '0': case '3': case '6':              /* 영 삼 육 */
    case 'M': case 'N': case 'm': case 'n':    /* 엠 엔 */
        return ENDS_CONSONANT;
    case '1': case '7': case '8':              /* 일 칠 팔 */
    case 'L': case 'l':                        /* 엘 */
        return ENDS_RIEUL;
    default:
        return ENDS_VOWEL;                     /* 이 사 오 구, B 비, %, … */
    }
}

const char *particle_after(unsigned cp, enum particle_pair p)
{
    static const char *const forms[][2] = {
        [PARTICLE_EUN_NEUN] = { "은", "는" },
        [PARTICLE_I_GA] = { "이", "가" },
        [PARTICLE_EUL_REUL] = { "을", "를" },
        [PARTICLE_GWA_WA] = { "과", "와" },
        [PARTICLE_EURO_RO] = { "으로", "로" },
    };
    enum ending e = ending_of(cp);
    int after_consonant = p == PARTICLE_EURO_RO ? e == ENDS_CONSONANT : e != ENDS_VOWEL;
    return forms[p][after_consonant ? 0 : 1];
}
