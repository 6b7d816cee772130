/* sentence.c — placeholder, being written (issue #2). */
#include "sentence.h"
void sentence_split(const char *text, size_t len, struct sentence_list *out) { (void)text; (void)len; (void)out; }
void sentence_list_free(struct sentence_list *list) { (void)list; }
