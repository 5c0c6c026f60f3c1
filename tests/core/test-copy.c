/* test-copy.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * copy.copy and copy.deepcopy: CPython's memo, cycles, immutable shortcuts.
 */

#include "config.h"

#include "cs-interp.h"
#include "cs-parser.h"
#include "cs-runtime.h"

static CsObject *
run (CsInterp   *interp,
     CsProgram **out_program,
     const char *source,
     const char *name)
{
  CsProgram *program = cs_program_parse ("test.py", source, -1);

  for (guint i = 0; i < program->body.n_stmts; i++)
    {
      cs_interp_run_statement (interp, program->body.stmts[i]);
      if (interp->error)
        g_error ("statement %u raised %s: %s", i + 1, interp->error->type, interp->error->message);
    }
  *out_program = program;
  return cs_namespace_get (cs_interp_get_globals (interp), name);
}

static void
test_copy_deepcopy_shared (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  g_autoptr (CsProgram) program = NULL;
  CsObject *b;
  CsObject *a;

  b = run (interp, &program,
           "import copy\ninner = [1, 2]\na = [inner, inner, (inner,)]\nb = copy.deepcopy(a)\n", "b");
  a = cs_namespace_get (cs_interp_get_globals (interp), "a");
  g_assert_true (b != a);
  /* The memo keeps shared inner objects shared in the copy. */
  g_assert_true (b->seq.items[0] == b->seq.items[1]);
  g_assert_true (b->seq.items[0] != a->seq.items[0]);
  /* A tuple holding a list deep-copies to a new tuple around the same copy. */
  g_assert_true (b->seq.items[2] != a->seq.items[2]);
  g_assert_true (b->seq.items[2]->seq.items[0] == b->seq.items[0]);
}

static void
test_copy_deepcopy_cycle (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  g_autoptr (CsProgram) program = NULL;
  CsObject *b, *d;

  b = run (interp, &program,
           "import copy\na = [1, 2]\na.append(a)\nb = copy.deepcopy(a)\n"
           "d = {'k': 1}\nd['self'] = d\ne = copy.deepcopy(d)\n", "b");
  g_assert_cmpuint (b->seq.len, ==, 3);
  g_assert_true (b->seq.items[2] == b);
  d = cs_namespace_get (cs_interp_get_globals (interp), "e");
  g_assert_true (d->dict.entries[1].value == d);
}

static void
test_copy_immutables (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  g_autoptr (CsProgram) program = NULL;
  CsObject *t, *u;

  t = run (interp, &program,
           "import copy\nt = (1, 'x', (2.5, None))\nu = copy.deepcopy(t)\nv = copy.copy(t)\n"
           "s = [t]\nw = copy.copy(s)\n", "t");
  u = cs_namespace_get (cs_interp_get_globals (interp), "u");
  /* A tuple of immutables deep-copies to itself. */
  g_assert_true (t == u);
  g_assert_true (cs_namespace_get (cs_interp_get_globals (interp), "v") == t);
  u = cs_namespace_get (cs_interp_get_globals (interp), "w");
  g_assert_true (u != cs_namespace_get (cs_interp_get_globals (interp), "s"));
  g_assert_true (u->seq.items[0] == t);
}

static void
test_copy_shallow (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  g_autoptr (CsProgram) program = NULL;
  CsObject *a, *b;

  b = run (interp, &program, "import copy\na = [[1, 2], 3]\nb = copy.copy(a)\nd = {'w': a}\ne = copy.copy(d)\n", "b");
  a = cs_namespace_get (cs_interp_get_globals (interp), "a");
  g_assert_true (a != b);
  g_assert_true (a->seq.items[0] == b->seq.items[0]);
  b = cs_namespace_get (cs_interp_get_globals (interp), "e");
  g_assert_true (b != cs_namespace_get (cs_interp_get_globals (interp), "d"));
  g_assert_true (b->dict.entries[0].value == a);
}

static void
test_copy_deep_nesting (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  g_autoptr (CsProgram) program = cs_program_parse ("t.py",
    "import copy\na = []\nfor i in range(5000):\n    a = [a]\nb = copy.deepcopy(a)\n", -1);

  for (guint i = 0; i < program->body.n_stmts; i++)
    cs_interp_run_statement (interp, program->body.stmts[i]);
  /* Too deep: RecursionError, not a crash. */
  g_assert_nonnull (interp->error);
  g_assert_cmpstr (interp->error->type, ==, "RecursionError");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/copy/deepcopy-shared", test_copy_deepcopy_shared);
  g_test_add_func ("/core/copy/deepcopy-cycle", test_copy_deepcopy_cycle);
  g_test_add_func ("/core/copy/immutables", test_copy_immutables);
  g_test_add_func ("/core/copy/shallow", test_copy_shallow);
  g_test_add_func ("/core/copy/deep-nesting", test_copy_deep_nesting);
  return g_test_run ();
}
