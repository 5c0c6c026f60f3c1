/* test-predict.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "cs-predict.h"
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

/* "`a1`:1,`a2`:0" style summary of a question's choices. */
static char *
dup_choices (const CsPredictQuestion *q)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < q->n_choices; i++)
    g_string_append_printf (out, "%s%s:%d", i > 0 ? "," : "", q->choices[i].label, q->choices[i].correct);
  return g_string_free (out, FALSE);
}

/* The seed article's constructors example: a, a1 and a4 change. */
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
                                   "print('before a', a, id(a))\n"
                                   "a[1] = 0\n");
  g_autoptr (CsPredictQuestion) q = cs_predict_question_for_step (trace, 8);
  g_autoptr (CsPredictQuestion) share = cs_predict_question_for_step (trace, 3);
  g_autoptr (CsPredictQuestion) copy = cs_predict_question_for_step (trace, 4);
  g_autofree char *choices = NULL;
  gboolean right[5] = { TRUE, TRUE, FALSE, FALSE, TRUE };
  gboolean wrong[5] = { TRUE, TRUE, FALSE, FALSE, FALSE };
  gboolean none[5] = { FALSE, FALSE, FALSE, FALSE, FALSE };

  g_assert_nonnull (q);
  g_assert_cmpint (q->kind, ==, CS_PREDICT_WHICH_CHANGE);
  g_assert_true (q->multiple);
  g_assert_cmpuint (q->step_index, ==, 8);
  g_assert_cmpstr (q->prompt, ==, "After `a[1] = 0`, which of `a`, `a1`, `a2`, `a3` and `a4` will show a change?");
  choices = dup_choices (q);
  g_assert_cmpstr (choices, ==, "`a`:1,`a1`:1,`a2`:0,`a3`:0,`a4`:1");
  g_assert_true (cs_predict_check (q, right));
  g_assert_false (cs_predict_check (q, wrong));
  g_assert_false (cs_predict_check (q, none));

  /* Printing and importing ask nothing. */
  g_assert_null (cs_predict_question_for_step (trace, 0));
  g_assert_null (cs_predict_question_for_step (trace, 7));

  g_assert_nonnull (share);
  g_assert_cmpint (share->kind, ==, CS_PREDICT_SHARE_STORAGE);
  g_assert_cmpstr (share->prompt, ==, "After `a1 = torch.from_numpy(a)`, do `a` and `a1` share storage?");
  g_assert_cmpuint (share->n_choices, ==, 2);
  g_assert_true (share->choices[0].correct);   /* Yes */
  g_assert_false (share->choices[1].correct);
  g_assert_nonnull (copy);
  g_assert_false (copy->choices[0].correct);   /* torch.Tensor copies: No */
  g_assert_true (copy->choices[1].correct);
}

static void
test_list_will_change (void)
{
  g_autoptr (CsTrace) trace = run ("import copy\n"
                                   "a = [[1, 2], 3, 4]\n"
                                   "b = copy.copy(a)\n"
                                   "a[0][0] = 0\n"
                                   "a[2] = 5\n");
  g_autoptr (CsPredictQuestion) inner = cs_predict_question_for_step (trace, 3);
  g_autoptr (CsPredictQuestion) outer = cs_predict_question_for_step (trace, 4);
  gboolean yes[2] = { TRUE, FALSE };
  gboolean no[2] = { FALSE, TRUE };

  g_assert_nonnull (inner);
  g_assert_cmpint (inner->kind, ==, CS_PREDICT_WILL_CHANGE);
  g_assert_false (inner->multiple);
  g_assert_cmpstr (inner->prompt, ==, "After `a[0][0] = 0`, will `b` change?");
  g_assert_true (cs_predict_check (inner, yes));
  g_assert_false (cs_predict_check (inner, no));
  g_assert_nonnull (outer);
  g_assert_cmpstr (outer->prompt, ==, "After `a[2] = 5`, will `b` change?");
  g_assert_true (cs_predict_check (outer, no));
  g_assert_false (cs_predict_check (outer, yes));
}

static void
test_grad (void)
{
  g_autoptr (CsTrace) trace = run ("import torch\n"
                                   "x = torch.tensor([2.0, 3.0, 4.0], requires_grad=True)\n"
                                   "y = 2*x + 10\n"
                                   "y.backward(torch.FloatTensor([1.0, 2.0, 1.0]))\n"
                                   "x.grad.zero_()\n");
  g_autoptr (CsPredictQuestion) q = cs_predict_question_for_step (trace, 3);
  g_autofree char *choices = NULL;
  gboolean pick[4] = { FALSE, FALSE, TRUE, FALSE };
  gboolean two[4] = { FALSE, TRUE, TRUE, FALSE };

  g_assert_nonnull (q);
  g_assert_cmpint (q->kind, ==, CS_PREDICT_GRAD_VALUE);
  g_assert_false (q->multiple);
  g_assert_cmpstr (q->prompt, ==, "After `y.backward(torch.FloatTensor([1.0, 2.0, 1.0]))`, what will `x.grad` be?");
  choices = dup_choices (q);
  g_assert_cmpstr (choices, ==, "None:0,tensor([1., 2., 1.]):0,tensor([2., 4., 2.]):1,tensor([4., 8., 4.]):0");
  g_assert_true (cs_predict_check (q, pick));
  g_assert_false (cs_predict_check (q, two));
  /* Zeroing .grad changes no name's printed value: no question. */
  g_assert_null (cs_predict_question_for_step (trace, 4));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/predict/constructors", test_constructors);
  g_test_add_func ("/core/predict/list-will-change", test_list_will_change);
  g_test_add_func ("/core/predict/grad", test_grad);
  return g_test_run ();
}
