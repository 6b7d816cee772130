/* workbook_job.h — the workbook written on a thread of its own, beside the rest of the run.
 *
 * The workbook is the costliest writer (libxlsxwriter prints every cell as XML and deflates
 * it), and it depends on nothing the other writers make. So its rows are written on a lane
 * (util/lane.h) while the caller goes on reading and merging articles, and its last sheets and
 * the file itself are written there while the caller writes the CSVs and the PDF. The calls
 * reach libxlsxwriter in the same order as on one thread: the same bytes.
 *
 * What the lane works on is handed over or stays unchanged until workbook_job_wait: each
 * article's reader item is moved to the job, the table and the weekly view must not change
 * after workbook_job_finish. The workbook's messages come back at workbook_job_wait. */
#ifndef EXPORTER_WORKBOOK_JOB_H
#define EXPORTER_WORKBOOK_JOB_H

#include "cli/reader.h"
#include "cli/weekly.h"
#include "merge/table.h"
#include "report/xlsx_out.h"
#include "util/diag.h"
#include "util/status.h"

struct workbook_job;

/* Whether the run's workbook must be written row by row (xlsx_options.large: constant memory)
 * rather than held in memory: more than WORKBOOK_LARGE_FILES inputs, or inputs of more than
 * WORKBOOK_LARGE_BYTES together — one huge article can hold hundreds of thousands of facts,
 * which libxlsxwriter would otherwise keep in memory (about 1.3 KB each). Sizes from stat; an
 * input that cannot be stat'ed counts as nothing (its read will report it). Reads the list
 * through and rewinds it. */
#define WORKBOOK_LARGE_FILES 200
#define WORKBOOK_LARGE_BYTES (2u * 1024u * 1024u)
int workbook_job_large(struct input_list *inputs);

/* Whether the workbook may be finished while the other writers run: only when the process
 * may open at least WORKBOOK_OVERLAP_FILES files (RLIMIT_NOFILE). Under a tighter limit the
 * workbook's temporary files and the PDF's fonts could not be open at once, and the run
 * would fail where one writer after the other succeeds. */
#define WORKBOOK_OVERLAP_FILES 64
int workbook_job_may_overlap(void);

/* Starts the job on x (which it now owns); like gives the messages' verbosity. */
struct workbook_job *workbook_job_start(struct xlsx_out *x, const struct diag *like);

/* Queues the article's row and its facts' rows, taking the item: *it is left empty (the job
 * frees the article and facts once written). */
void workbook_job_article(struct workbook_job *j, struct reader_item *it);

/* Queues the rest: the creation instant, the comparison sheet from t, the weekly sheets from
 * w, and the file written (xlsx_out_close). t and w must not change until workbook_job_wait. */
void workbook_job_finish(struct workbook_job *j, const struct table *t, struct weekly *w,
                         long long created);

/* Waits for the job, replays its messages into d and frees it. Returns the close's status
 * (EXP_OK if workbook_job_finish was never called: the workbook is then discarded unwritten).
 * workbook_job_wait(NULL, d) returns EXP_OK. */
enum exp_status workbook_job_wait(struct workbook_job *j, struct diag *d);

#endif
