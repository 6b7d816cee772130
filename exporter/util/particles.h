/* particles.h — Korean particles: which syllables may start one, and where.
 *
 * Support module for extraction, the quantity scanner and line breaking. Korean glues a
 * particle (은, 를, 에서, 까지 …), a copula (이다, 입니다) or a qualifier (가량, 정도, 미만 …)
 * to the word it belongs to: "업스테이지는", "100억 원가량", "3%씩", "628억 원으로". A reader
 * of Korean text therefore asks of the syllable right after a word: may a particle start
 * here? The answer depends on the word — after a figure a qualifier may follow (가량), after a
 * name a plural or a copula (들, 일, 입니다) — so every syllable in the table carries the places
 * it may stand, and each caller asks for its place. Only first syllables are listed: the
 * callers need to know where a word may end, not to parse the particle.
 *
 * The other question a writer of Korean asks is which form a particle takes: 은 or 는, 으로
 * or 로 depend on how the word before ends (particle_after).
 *
 * This is the language's grammar, not any topic's vocabulary: no template changes it. */
#ifndef EXPORTER_PARTICLES_H
#define EXPORTER_PARTICLES_H

/* Where a particle starting with a given syllable may stand (bits). */
enum particle_place {
    /* after a name: a case particle, a postposition or a copula ("업스테이지는",
     * "SK텔레콤이", "한국과학기술원으로", "노타나", "솔라 오픈보다", "NC AI까지", "KT입니다") */
    PARTICLE_AFTER_NAME = 1u << 0,
    /* after a figure, in the same eojeol: a particle or a qualifier ("100억이", "3%씩",
     * "5조 원가량", "10% 미만", "1만 명 남짓", "20억 원 규모", "3배 수준") */
    PARTICLE_AFTER_FIGURE = 1u << 1,
    /* after a counter or currency word ("628억 원으로", "13만 명이"): one word with it */
    PARTICLE_AFTER_COUNTER = 1u << 2,
    /* the subject markers 이/가 */
    PARTICLE_SUBJECT = 1u << 3,
    /* the topic markers 은/는 */
    PARTICLE_TOPIC = 1u << 4,
    /* the object markers 을/를 */
    PARTICLE_OBJECT = 1u << 5,
    /* 도 ("also"), which stands for a subject marker ("B사도 …") */
    PARTICLE_ADDITIVE = 1u << 6,
};

/* The places (PARTICLE_* bits) where a particle starting with code point cp may stand; 0
 * when no particle starts with it. */
unsigned particle_places(unsigned cp);

/* Whether cp may start a particle in any of the places in mask. */
static inline int particle_may_start(unsigned cp, unsigned mask)
{
    return (particle_places(cp) & mask) != 0;
}

/* The particles whose form depends on how the word before them ends. */
enum particle_pair {
    PARTICLE_EUN_NEUN, /* 은 after a consonant, 는 after a vowel */
    PARTICLE_I_GA,     /* 이 / 가 */
    PARTICLE_EUL_REUL, /* 을 / 를 */
    PARTICLE_GWA_WA,   /* 과 / 와 */
    PARTICLE_EURO_RO,  /* 으로 after a consonant; 로 after a vowel or ㄹ */
};

/* The form of particle p after a word whose last character is cp (a static UTF-8 string).
 * Digits and Latin letters end as their Korean names do when read aloud (3 삼, 7 칠, L 엘,
 * M 엠, B 비); other characters, and cp 0 (no word), count as a vowel. */
const char *particle_after(unsigned cp, enum particle_pair p);

#endif
