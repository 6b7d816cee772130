/* person.h — one person named in a byline: the type the article owns and the byline parser
 * (normalise.h) fills. Its own header so that article.h and normalise.h need not include
 * each other. */
#ifndef EXPORTER_PERSON_H
#define EXPORTER_PERSON_H

struct person {
    char *name;   /* 이혜선 */
    char *role;   /* 기자, or "" */
    char *org;    /* 한경닷컴 when the byline names one, or "" */
    char *email;  /* hslee@dt.co.kr, or "" */
};

#endif
