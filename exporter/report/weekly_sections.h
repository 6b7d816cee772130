/* weekly_sections.h — the briefing's weekly sections, as content-model sections (model.h).
 *
 *   changes — what changed since the nearest earlier archived week (merge/changes.h): one
 *             row per new or changed cell — entity, column, previous, current, new/changed;
 *             with no earlier week, one line saying so.
 * Titles and words come from the template's layout.labels (keys "changes",
 * "changes_none", "changes_since", "changes_previous", "changes_current", "changes_kind",
 * "changes_new", "changes_changed"), else topic-neutral defaults (template_words.c). A
 * template lists the section by name in layout.sections. */
#ifndef EXPORTER_WEEKLY_SECTIONS_H
#define EXPORTER_WEEKLY_SECTIONS_H

#include "extract/template.h"
#include "merge/changes.h"
#include "report/model.h"

/* What the sections read; borrowed for the call. */
struct weekly_sections {
    const struct template *tpl;
    const struct changes *changes;
};

/* A model_section_fn: appends the section `name` when it is one of the above. arg is a
 * struct weekly_sections. */
void weekly_sections_add(struct model_doc *doc, const char *name, void *arg);

#endif
