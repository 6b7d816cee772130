/* lane.h — a serial task queue on a thread of its own: work that must keep its order but need
 * not hold up the caller.
 *
 * A run's writers are independent once the articles are merged (the workbook does not wait for
 * the PDF), and the workbook's rows need not be written on the thread that reads the articles.
 * A lane runs the tasks pushed to it one after another, in push order, on one thread, while the
 * caller goes on: the bytes a task writes are the same as if the caller had run it in its
 * place. At most `depth` tasks wait at a time (lane_push blocks beyond that), so what the
 * tasks hold stays bounded.
 *
 * Messages: a task reports through the lane's own sink (a memory buffer), never the caller's
 * stream, and lane_join replays them into the caller's diag, in task order. So messages do not
 * interleave with the caller's, and come out the same at every run.
 *
 * If no thread can be started, tasks run on the caller's thread inside lane_push, with the same
 * sink: the same bytes and messages. */
#ifndef EXPORTER_LANE_H
#define EXPORTER_LANE_H

#include <stddef.h>

#include "util/diag.h"

/* A task: arg is the task's own (the task frees what it must); d is the lane's sink. */
typedef void (*lane_task_fn)(void *arg, struct diag *d);

struct lane;

/* Starts a lane whose sink prints notes when verbose and drops warnings when quiet (as
 * diag_init). depth 0 means 1. Exits 71 when memory runs out. */
struct lane *lane_new(size_t depth, int verbose, int quiet);

/* Queues fn(arg) after the tasks already pushed; blocks while depth tasks wait. */
void lane_push(struct lane *l, lane_task_fn fn, void *arg);

/* Waits until every pushed task has run, stops the thread, replays the lane's messages into d
 * (counting its errors and warnings there; d NULL: dropped) and frees the lane.
 * lane_join(NULL, d) does nothing. */
void lane_join(struct lane *l, struct diag *d);

#endif
