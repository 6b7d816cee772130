/* units.h — the unit registry: every unit the quantity scanner recognises, with its spellings.
 *
 * A unit has a canonical name ("KRW", "Wh", "people") and a dimension (money, count, energy…).
 * A spelling is how an article writes it ("원", "기가와트시", "GWh", "$", "만불"'s "불") and the
 * factor that turns a figure in that spelling into the canonical unit: "420GWh" is 420 × 10^9
 * Wh, "십센트" is 0.1 USD, "30평" is 30 × 3.3058 m2. The scanner reports canonical units with
 * converted exact values, so two articles that write the same amount differently agree; a
 * template column names canonical units and picks its display scale (`units: [Wh]`, `scale: 9`
 * for a GWh column).
 *
 * The built-in table (units_builtin) is static and read-only, and looked up by a plain walk
 * over it. units_new() makes a registry that extends the built-in one with an index (the
 * spellings hashed by their first character: several times faster per lookup — scan with one
 * of these when speed matters); units_add() adds a template's units while it loads; after that
 * it is read-only and may be shared by threads. The complete built-in list is in templates/README.md. */
#ifndef EXPORTER_UNITS_H
#define EXPORTER_UNITS_H

#include <stddef.h>
#include <stdio.h>

#include "util/decimal.h"

enum unit_dimension {
    UNIT_DIM_NONE = 0,  /* the bare number */
    UNIT_DIM_MONEY,     /* one canonical unit per currency; no exchange rates */
    UNIT_DIM_COUNT,     /* people, things, places, cases, votes, seats… */
    UNIT_DIM_RATIO,     /* percent, percentage points, multiples */
    UNIT_DIM_SCORE,
    UNIT_DIM_ENERGY,
    UNIT_DIM_POWER,
    UNIT_DIM_MASS,
    UNIT_DIM_VOLUME,
    UNIT_DIM_LENGTH,
    UNIT_DIM_AREA,
    UNIT_DIM_DURATION,
    UNIT_DIM_DATA,
    UNIT_DIM_TOKENS,
    UNIT_DIM_SPEED,     /* m/s and m/h: 초속 10m, 시속 300km, 35.2m/s, 120km/h */
    UNIT_DIM_TEMPERATURE, /* degrees Celsius: 35.2℃, 영하 12도 */
    UNIT_DIM_OTHER      /* a template's unit of its own */
};

/* How a spelling may stand after a number. */
enum unit_spelling_flags {
    UNIT_COUNTER = 1,     /* may follow a native Korean numeral: 한 개, 두 명, 세 곳 */
    UNIT_DAE = 2,         /* 대: machines, unless a ranking (3대 강국) or an age (20대) */
    UNIT_RANGE_DAE = 4,   /* "100억원대", "3%대": in that range (approx) */
    UNIT_GAE = 8,         /* 개: 개국, 개사, 개팀 stay counts */
    UNIT_PREFIX = 16,     /* written before the number: $10, € 20, EUR 20, ₩5000 */
    UNIT_GLUED = 32,      /* only glued to the number (3t, 5m), never after a space */
    UNIT_SHARES = 64,     /* 주: shares only at 1,000 or more or with 만/억 (4주 is four weeks) */
};

struct unit_spelling {
    const char *text;            /* UTF-8, as written */
    size_t len;
    const char *unit;            /* canonical name */
    struct decimal factor;       /* 1 text = factor unit */
    unsigned flags;
};

struct unit_registry;

/* The built-in registry (static, read-only, never freed). */
const struct unit_registry *units_builtin(void);

/* A registry extending the built-in one, for a template to add to. Free with units_free. */
struct unit_registry *units_new(void);
void units_free(struct unit_registry *r);

/* Adds a spelling of unit `name`: a new canonical unit when no unit has that name yet (with
 * dimension dim), else another spelling of the existing one. `of` (may be NULL) names an
 * existing canonical unit that `name` converts to by `factor`: then the spelling maps straight
 * to `of` (a template's "barrel" of 158.987294928 "L" reports litres). Returns 0, or -1 with a
 * static reason in *why: an `of` that is not a canonical unit, a factor that is not positive,
 * an empty spelling, or a spelling that already means a different unit or factor. */
int units_add(struct unit_registry *r, const char *spelling, const char *name, enum unit_dimension dim,
              const char *of, const struct decimal *factor, const char **why);

/* The longest spelling of r (template or built-in) no longer than max_len bytes that starts at
 * s[i] and is written after a number, or NULL. Boundaries (what may follow the spelling) are the
 * scanner's to check; when one fails it asks again with max_len = that spelling's len - 1. */
const struct unit_spelling *units_match(const struct unit_registry *r, const char *s, size_t n, size_t i,
                                        size_t max_len);
/* Spellings written before the number (UNIT_PREFIX) that end exactly at s[i], longest first. */
const struct unit_spelling *units_match_prefix(const struct unit_registry *r, const char *s, size_t i);

/* Resolves a unit as a template column names it: a canonical name ("Wh", "KRW", "" for the
 * bare number) or any spelling ("GWh", "원"). Returns the canonical name (static or owned by
 * r), or NULL when r knows no such unit. */
const char *units_canonical(const struct unit_registry *r, const char *name);
/* The dimension of a canonical unit (UNIT_DIM_OTHER for unknown names). */
enum unit_dimension units_dimension(const struct unit_registry *r, const char *canonical);
/* "money", "count", … as templates write a dimension; NULL for an unknown word on parse. */
const char *units_dimension_name(enum unit_dimension d);
int units_dimension_parse(const char *word, enum unit_dimension *out);

/* Writes the built-in table as Markdown (one row per canonical unit: name, dimension, spellings
 * with their factors) — the list templates/README.md carries. */
void units_write_markdown(FILE *out);

#endif
