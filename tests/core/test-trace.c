/* test-trace.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Steps, snapshots (immutable, shared when nothing changed) and events.
 */

#include "config.h"

#include <string.h>

#include "cs-parser.h"
#include "cs-trace.h"
#include "cs-value.h"

static CsTrace *
trace_of (const char *source)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  return cs_trace_run (program, NULL);
}

static const CsSnapObject *
named (const CsSnapshot *snap,
       const char       *name)
{
  for (guint i = 0; i < snap->n_names; i++)
    if (strcmp (snap->names[i].name, name) == 0)
      return cs_snapshot_lookup (snap, snap->names[i].serial);
  return NULL;
}

static void
test_trace_steps (void)
{
  g_autoptr (CsTrace) trace = trace_of ("a = [1, 2]\nprint(a)\nq\nb = a; print(b is a)\n");
  CsStep *step;

  g_assert_cmpuint (cs_trace_get_n_steps (trace), ==, 5);
  step = cs_trace_get_step (trace, 1);
  g_assert_cmpstr (step->stdout_text, ==, "[1, 2]\n");
  g_assert_cmpstr (step->source, ==, "print(a)");
  step = cs_trace_get_step (trace, 2);
  g_assert_nonnull (step->error);
  g_assert_cmpstr (step->error->type, ==, "NameError");
  g_assert_cmpstr (step->error->message, ==, "name 'q' is not defined");
  g_assert_cmpuint (step->error->line, ==, 3);
  step = cs_trace_get_step (trace, 4);
  g_assert_cmpuint (step->line, ==, 4);
  g_assert_cmpstr (step->stdout_text, ==, "True\n");
}

static void
test_trace_snapshot_immutable (void)
{
  g_autoptr (CsTrace) trace = trace_of ("a = [1, 2]\nb = a\na.append(3)\na[0] = 'x'\n");
  const CsSnapshot *s1 = cs_trace_get_step (trace, 1)->snapshot;
  const CsSnapshot *s3 = cs_trace_get_step (trace, 3)->snapshot;
  const CsSnapObject *old = named (s1, "a");
  const CsSnapObject *now = named (s3, "a");
  g_autofree char *old_repr = cs_snapshot_dup_repr (s1, old->serial);
  g_autofree char *now_repr = cs_snapshot_dup_repr (s3, now->serial);

  /* Later steps mutate the list; the earlier snapshot still shows it as it was. */
  g_assert_cmpuint (old->serial, ==, now->serial);
  g_assert_cmpuint (old->n_items, ==, 2);
  g_assert_cmpuint (now->n_items, ==, 3);
  g_assert_cmpstr (old_repr, ==, "[1, 2]");
  g_assert_cmpstr (now_repr, ==, "['x', 2, 3]");
  g_assert_true (named (s3, "b") == now);
}

static void
test_trace_snapshot_shared (void)
{
  g_autoptr (CsTrace) trace = trace_of ("a = [1, [2]]\nprint(a)\nb = 5\n");
  CsSnapshot *s0 = cs_trace_get_step (trace, 0)->snapshot;
  CsSnapshot *s1 = cs_trace_get_step (trace, 1)->snapshot;
  CsSnapshot *s2 = cs_trace_get_step (trace, 2)->snapshot;

  /* print changed nothing: the same snapshot.  Then unchanged objects are shared. */
  g_assert_true (s0 == s1);
  g_assert_true (s2 != s1);
  g_assert_true (named (s2, "a") == named (s1, "a"));
}

static gboolean
has_event (CsStep      *step,
           CsEventKind  kind,
           const char  *name)
{
  for (guint i = 0; i < step->events->len; i++)
    {
      CsEvent *e = g_ptr_array_index (step->events, i);
      if (e->kind == kind && (name == NULL || g_strcmp0 (e->name, name) == 0 || g_strcmp0 (e->path, name) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_trace_events (void)
{
  g_autoptr (CsTrace) trace = trace_of ("a = [1]\na = [2]\na[0] = 3\ndel a\n");

  g_assert_true (has_event (cs_trace_get_step (trace, 0), CS_EVENT_NAME_BOUND, "a"));
  g_assert_true (has_event (cs_trace_get_step (trace, 0), CS_EVENT_OBJECT_CREATED, NULL));
  g_assert_true (has_event (cs_trace_get_step (trace, 1), CS_EVENT_NAME_REBOUND, "a"));
  /* The first list is unreachable after the rebinding: freed. */
  g_assert_true (has_event (cs_trace_get_step (trace, 1), CS_EVENT_OBJECT_FREED, NULL));
  g_assert_true (has_event (cs_trace_get_step (trace, 2), CS_EVENT_ITEM_WRITTEN, "[0]"));
  g_assert_true (has_event (cs_trace_get_step (trace, 3), CS_EVENT_NAME_UNBOUND, "a"));
  g_assert_cmpuint (cs_trace_get_step (trace, 3)->snapshot->n_names, ==, 0);
}

static void
test_trace_limits (void)
{
  g_autoptr (CsProgram) program =
    cs_program_parse ("t.py", "n = 0\nwhile True:\n    n += 1\nx = [0] * 10000000\nprint(n > 0)\n", -1);
  g_autoptr (CsTrace) trace = NULL;
  CsRunOptions options;
  CsStep *step;

  cs_run_options_init_defaults (&options);
  options.max_loop_iterations = 5000;
  trace = cs_trace_run (program, &options);
  step = cs_trace_get_step (trace, 1);
  g_assert_nonnull (step->error);
  g_assert_cmpstr (step->error->type, ==, "LimitExceeded");
  g_assert_cmpstr (step->error->message, ==, "Copyscope stopped this step after 5000 loop iterations");
  step = cs_trace_get_step (trace, 2);
  g_assert_cmpstr (step->error->type, ==, "MemoryError");
  g_assert_cmpstr (cs_trace_get_step (trace, 3)->stdout_text, ==, "True\n");
}

static void
test_trace_budgets (void)
{
  const char *source =
    "def fib(n):\n"
    "    if n < 2:\n"
    "        return n\n"
    "    return fib(n - 1) + fib(n - 2)\n"
    "print(fib(10))\n"
    "print(fib(40))\n"
    "def deep(n):\n"
    "    return [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[deep(n + 1)]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
    "deep(0)\n"
    "print(sum(range(10 ** 12)))\n"
    "print('still running')\n";
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  g_autoptr (CsTrace) trace = NULL;
  CsRunOptions options;
  CsStep *step;

  cs_run_options_init_defaults (&options);
  options.max_step_statements = 20000;
  options.max_loop_iterations = 5000;
  options.max_heap_objects = 20000;
  trace = cs_trace_run (program, &options);
  g_assert_cmpstr (cs_trace_get_step (trace, 1)->stdout_text, ==, "55\n");
  /* Recursion without loops stops on the statement budget. */
  step = cs_trace_get_step (trace, 2);
  g_assert_cmpstr (step->error->type, ==, "LimitExceeded");
  g_assert_cmpstr (step->error->message, ==, "Copyscope stopped this step after running 20000 statements");
  /* Deep recursion through nested expressions: RecursionError, no crash. */
  step = cs_trace_get_step (trace, 4);
  g_assert_cmpstr (step->error->type, ==, "RecursionError");
  /* Builtins iterating huge ranges stop too. */
  step = cs_trace_get_step (trace, 5);
  g_assert_nonnull (step->error);
  g_assert_cmpstr (cs_trace_get_step (trace, 6)->stdout_text, ==, "still running\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/trace/steps", test_trace_steps);
  g_test_add_func ("/core/trace/snapshot-immutable", test_trace_snapshot_immutable);
  g_test_add_func ("/core/trace/snapshot-shared", test_trace_snapshot_shared);
  g_test_add_func ("/core/trace/events", test_trace_events);
  g_test_add_func ("/core/trace/limits", test_trace_limits);
  g_test_add_func ("/core/trace/budgets", test_trace_budgets);
  return g_test_run ();
}
