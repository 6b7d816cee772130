/* article.c — placeholder, being written (issue #2). */
#include "article.h"
#include <string.h>
enum exp_status article_parse_file(const char *path, const struct article_options *opts,
                                   struct diag *d, struct article *out)
{ (void)opts; memset(out, 0, sizeof *out); diag_error(d, path, 0, 0, "not implemented"); return EXP_SOFTWARE; }
enum exp_status article_parse_buffer(const char *path, const char *data, size_t len,
                                     const struct article_options *opts, struct diag *d,
                                     struct article *out)
{ (void)data; (void)len; return article_parse_file(path, opts, d, out); }
void article_free(struct article *a) { (void)a; }
int article_set_add(struct article_set *set, struct article *a, struct diag *d) { (void)set; (void)a; (void)d; return 0; }
void article_set_sort(struct article_set *set) { (void)set; }
void article_set_free(struct article_set *set) { (void)set; }
