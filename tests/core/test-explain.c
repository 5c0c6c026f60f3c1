/* test-explain.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cs-explain.h"
#include "cs-scenario.h"

static CsTrace *
run (const char *source)
{
  g_autoptr (GError) error = NULL;
  CsTrace *trace = cs_scenario_run ("test.py", source, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

static void
assert_step (CsTrace    *trace,
             guint       index,
             const char *expected)
{
  g_autofree char *text = cs_explain_step (trace, index);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_alias_and_write (void)
{
  g_autoptr (CsTrace) trace = run ("import torch\n"
                                   "a = torch.rand(4)\n"
                                   "b = a\n"
                                   "a[2] = 5\n"
                                   "print(b)\n"
                                   "a = torch.rand(4)\n");

  assert_step (trace, 0, "`import torch` makes the module `torch` available.");
  assert_step (trace, 1, "`a = torch.rand(4)` allocated new storage S1 for `a`.");
  assert_step (trace, 2, "`b = a` copies nothing: `b` is a second name for the same Tensor as `a`.");
  assert_step (trace, 3, "`a[2] = 5` wrote into storage S1; `a` and `b` both see it.");
  assert_step (trace, 4, "This step only prints; no name or object changes.");
  assert_step (trace, 5, "`a = torch.rand(4)` moves the name `a` to a new Tensor; `b` still names the old one.");
}

/* The seed article's constructors example. */
static void
test_constructors (void)
{
  g_autoptr (CsTrace) trace = run ("import numpy as np\n"
                                   "import torch\n"
                                   "a = np.array([1, 2, 3, 4])\n"
                                   "a1 = torch.from_numpy(a)\n"
                                   "a2 = torch.Tensor(a)\n"
                                   "a3 = torch.tensor(a)\n"
                                   "a4 = torch.as_tensor(a)\n"
                                   "a[1] = 0\n");

  assert_step (trace, 3, "`a1 = torch.from_numpy(a)` copies nothing: `a1` is a view on storage S1, like `a`.");
  assert_step (trace, 4, "`a2 = torch.Tensor(a)` allocated new storage S2 for `a2`.");
  assert_step (trace, 7, "`a[1] = 0` wrote into storage S1; `a`, `a1` and `a4` all see it.");
}

static void
test_clone_detach_backward (void)
{
  g_autoptr (CsTrace) trace = run ("import torch\n"
                                   "x = torch.tensor([2.0, 3.0, 4.0], requires_grad=True)\n"
                                   "y = x.clone()\n"
                                   "d = x.detach()\n"
                                   "z = 2*x + 10\n"
                                   "z.backward(torch.FloatTensor([1.0, 2.0, 1.0]))\n"
                                   "z = 2*x + 10\n"
                                   "z.backward(torch.FloatTensor([1.0, 2.0, 1.0]))\n");

  assert_step (trace, 2, "`y = x.clone()` allocated new storage S2 and stays in the graph (CloneBackward0).");
  assert_step (trace, 3, "`d = x.detach()` shares storage S1 but has no grad_fn: it is cut off from the graph.");
  assert_step (trace, 5, "backward() sent gradients to `x.grad`: tensor([2., 4., 2.]).");
  assert_step (trace, 7, "backward() added gradients into `x.grad`: now tensor([4., 8., 4.]).");
}

static void
test_lists (void)
{
  g_autoptr (CsTrace) trace = run ("import copy\n"
                                   "a = [[1, 2], 3, 4]\n"
                                   "b = copy.copy(a)\n"
                                   "c = copy.deepcopy(a)\n"
                                   "a[0][0] = 0\n"
                                   "a[2] = 5\n"
                                   "a[7]\n");

  assert_step (trace, 1, "`a = [[1, 2], 3, 4]` made a new list.");
  assert_step (trace, 2, "`b = copy.copy(a)` made a new list, but its inner object `a[0]` is shared: "
                         "a change inside it shows through both.");
  assert_step (trace, 3, "`c = copy.deepcopy(a)` made a new list and new copies of the objects inside it: "
                         "nothing is shared with the original.");
  assert_step (trace, 4, "`a[0][0] = 0` changed a list in place; `a` and `b` both show it.");
  assert_step (trace, 5, "`a[2] = 5` changed `a` in place; no other name shows the change.");
  assert_step (trace, 6, "This step raised IndexError: list index out of range");
}

static void
test_storage_numbers (void)
{
  g_autoptr (CsTrace) trace = run ("import torch\n"
                                   "x = torch.ones(2)\n"
                                   "y = torch.zeros(2)\n");
  CsStep *step = cs_trace_get_step (trace, 2);
  const CsSnapshot *snap = step->snapshot;

  g_assert_cmpuint (snap->n_storages, ==, 2);
  g_assert_cmpuint (cs_explain_storage_number (trace, 2, snap->storages[0]->serial), ==, 1);
  g_assert_cmpuint (cs_explain_storage_number (trace, 2, snap->storages[1]->serial), ==, 2);
  g_assert_cmpuint (cs_explain_storage_number (trace, 0, snap->storages[0]->serial), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/explain/alias-and-write", test_alias_and_write);
  g_test_add_func ("/core/explain/constructors", test_constructors);
  g_test_add_func ("/core/explain/clone-detach-backward", test_clone_detach_backward);
  g_test_add_func ("/core/explain/lists", test_lists);
  g_test_add_func ("/core/explain/storage-numbers", test_storage_numbers);
  return g_test_run ();
}
