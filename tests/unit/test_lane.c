/* test_lane.c — the serial task queue: push order kept, another thread, a bounded queue,
 * messages replayed in task order; and diag's memory sink. */
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/diag.h"
#include "util/lane.h"

enum { N_TASKS = 200, DEPTH = 4 };

struct record {
    pthread_t caller;
    int order[N_TASKS];
    int n_run;
    int on_caller_thread;
    /* the bound: pushes returned minus tasks finished, as the tasks see it */
    int pushed, finished, most_waiting;
    pthread_mutex_t mu;
};

struct job {
    struct record *rec;
    int no;
};

static void note(void *arg, struct diag *d)
{
    struct job *j = arg;
    struct record *r = j->rec;
    if (j->no == 0) {
        /* the first task holds the lane until the queue is full, then a while longer: an
         * unbounded queue would let the caller run far ahead meanwhile */
        for (;;) {
            pthread_mutex_lock(&r->mu);
            int p = r->pushed;
            pthread_mutex_unlock(&r->mu);
            if (p >= DEPTH - 1)
                break;
            sched_yield();
        }
        for (int i = 0; i < 20000; i++)
            sched_yield();
    }
    pthread_mutex_lock(&r->mu);
    if (pthread_equal(pthread_self(), r->caller))
        r->on_caller_thread = 1;
    r->order[r->n_run++] = j->no;
    if (r->pushed - r->finished > r->most_waiting)
        r->most_waiting = r->pushed - r->finished;
    r->finished++;
    pthread_mutex_unlock(&r->mu);
    if (j->no % 50 == 7)
        diag_error(d, "task.txt", (unsigned)j->no, 0, "task %d failed", j->no);
    if (j->no % 50 == 8)
        diag_warning(d, NULL, 0, 0, "task %d warned", j->no);
    free(j);
}

static void test_order_thread_bound_messages(void **state)
{
    (void)state;
    static struct record rec;
    memset(&rec, 0, sizeof rec);
    rec.caller = pthread_self();
    pthread_mutex_init(&rec.mu, NULL);
    struct lane *l = lane_new(DEPTH, 0, 0);
    for (int i = 0; i < N_TASKS; i++) {
        struct job *j = malloc(sizeof *j);
        *j = (struct job){ &rec, i };
        lane_push(l, note, j);
        pthread_mutex_lock(&rec.mu);
        rec.pushed++;
        pthread_mutex_unlock(&rec.mu);
    }
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    struct diag d;
    diag_init(&d, fp, 0, 0);
    lane_join(l, &d);
    fclose(fp);
    assert_int_equal(rec.n_run, N_TASKS);
    for (int i = 0; i < N_TASKS; i++)
        assert_int_equal(rec.order[i], i);
    assert_false(rec.on_caller_thread);
    assert_true(rec.most_waiting <= DEPTH);
    assert_int_equal(d.errors, 4);
    assert_int_equal(d.warnings, 4);
    const char *first = strstr(out, "exporter: task.txt:7: error: task 7 failed\n");
    const char *warn = strstr(out, "exporter: warning: task 8 warned\n");
    const char *last = strstr(out, "task.txt:157: error: task 157 failed");
    assert_non_null(first);
    assert_non_null(warn);
    assert_non_null(last);
    assert_true(first < warn && warn < last);
    free(out);
    pthread_mutex_destroy(&rec.mu);
    lane_join(NULL, &d);
}

static void count(void *arg, struct diag *d)
{
    (void)d;
    ++*(int *)arg;
}

static void test_join_without_tasks_and_dropped_messages(void **state)
{
    (void)state;
    lane_join(lane_new(0, 0, 0), NULL);
    int n = 0;
    struct lane *l = lane_new(1, 0, 1);
    for (int i = 0; i < 10; i++)
        lane_push(l, count, &n);
    lane_join(l, NULL);
    assert_int_equal(n, 10);
}

static void test_diag_buffer(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&out, &len);
    struct diag d;
    diag_init(&d, fp, 0, 1);   /* quiet: warnings counted, not printed */
    struct diag_buffer a, b;
    diag_buffer_open(&a, &d);
    diag_buffer_open(&b, &d);
    diag_error(&b.d, "b.txt", 2, 3, "second");
    diag_error(&a.d, "a.txt", 1, 0, "first");
    diag_warning(&a.d, "a.txt", 1, 0, "hidden");
    diag_note(&a.d, "a.txt", 1, 0, "not verbose");
    diag_buffer_replay(&a, &d);
    diag_buffer_replay(&b, &d);
    fclose(fp);
    assert_string_equal(out, "exporter: a.txt:1: error: first\n"
                             "exporter: b.txt:2:3: error: second\n");
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 1);
    free(out);
    diag_buffer_open(&a, &d);
    diag_error(&a.d, NULL, 0, 0, "dropped");
    diag_buffer_replay(&a, NULL);
    assert_int_equal(d.errors, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_thread_bound_messages),
        cmocka_unit_test(test_join_without_tasks_and_dropped_messages),
        cmocka_unit_test(test_diag_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
