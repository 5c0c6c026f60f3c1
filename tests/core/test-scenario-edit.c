/* test-scenario-edit.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Moving and deleting steps in scenario text: captions travel with their
 * statement, blank lines stay, multi-line and compound statements move
 * whole, line ends are kept, unsafe edits are refused.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cs-scenario-edit.h"
#include "cs-scenario.h"

static char *
move (const char *text,
      guint       step,
      guint       to)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsScenarioEdit) edit = cs_scenario_edit_move_step (text, -1, step, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edit);
  g_assert_cmpuint (edit->step, ==, to);
  return cs_scenario_edit_apply (text, -1, edit);
}

static char *
delete (const char *text,
        guint       step,
        guint       expected_step)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsScenarioEdit) edit = cs_scenario_edit_delete_step (text, -1, step, &error);

  g_assert_no_error (error);
  g_assert_nonnull (edit);
  g_assert_cmpuint (edit->step, ==, expected_step);
  return cs_scenario_edit_apply (text, -1, edit);
}

/* The moved text runs, and its steps are the expected sources in order. */
static void
assert_steps (const char  *text,
              const char **sources)
{
  g_autoptr (CsTrace) trace = cs_scenario_run ("t.py", text, -1, NULL, NULL);
  guint n = g_strv_length ((char **) sources);

  g_assert_nonnull (trace);
  g_assert_cmpuint (cs_trace_get_n_steps (trace), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (cs_trace_get_step (trace, i)->source, ==, sources[i]);
}

static const char *captions =
  "# title: Aliases\n"
  "import copy\n"
  "\n"
  "# Make a list.\n"
  "# It has an inner list.\n"
  "a = [[1, 2], 3]\n"
  "\n"
  "# b is a second name.\n"
  "b = a\n"
  "c = copy.copy(a)\n";

static void
test_move_down_with_captions (void)
{
  g_autofree char *moved = move (captions, 1, 2);
  const char *sources[] = { "import copy", "b = a", "a = [[1, 2], 3]", "c = copy.copy(a)", NULL };

  /* The blocks swap around the blank line, which stays in place. */
  g_assert_cmpstr (moved, ==,
                   "# title: Aliases\n"
                   "import copy\n"
                   "\n"
                   "# b is a second name.\n"
                   "b = a\n"
                   "\n"
                   "# Make a list.\n"
                   "# It has an inner list.\n"
                   "a = [[1, 2], 3]\n"
                   "c = copy.copy(a)\n");
  assert_steps (moved, sources);
  {
    /* The captions went with their statements. */
    g_autoptr (CsTrace) trace = cs_scenario_run ("t.py", moved, -1, NULL, NULL);

    g_assert_cmpstr (cs_trace_get_step (trace, 1)->caption, ==, "b is a second name.");
    g_assert_cmpstr (cs_trace_get_step (trace, 2)->caption, ==, "Make a list.\nIt has an inner list.");
    /* b = a now runs before a exists: the app shows that error. */
    g_assert_nonnull (cs_trace_get_step (trace, 1)->error);
    g_assert_cmpstr (cs_trace_get_step (trace, 1)->error->type, ==, "NameError");
  }
}

static void
test_move_up_is_inverse (void)
{
  g_autofree char *down = move (captions, 1, 2);
  g_autofree char *back = move (down, 2, 1);

  g_assert_cmpstr (back, ==, captions);
}

static void
test_move_first_and_last (void)
{
  /* The first step never takes the title with it. */
  g_autofree char *first_to_last = move (captions, 0, 3);
  g_autofree char *last_to_first = move (captions, 3, 0);

  g_assert_cmpstr (first_to_last, ==,
                   "# title: Aliases\n"
                   "# Make a list.\n"
                   "# It has an inner list.\n"
                   "a = [[1, 2], 3]\n"
                   "\n"
                   "# b is a second name.\n"
                   "b = a\n"
                   "\n"
                   "c = copy.copy(a)\n"
                   "import copy\n");
  g_assert_cmpstr (last_to_first, ==,
                   "# title: Aliases\n"
                   "c = copy.copy(a)\n"
                   "\n"
                   "import copy\n"
                   "\n"
                   "# Make a list.\n"
                   "# It has an inner list.\n"
                   "a = [[1, 2], 3]\n"
                   "# b is a second name.\n"
                   "b = a\n");
}

static void
test_multi_line_statement (void)
{
  const char *text =
    "a = [1,\n"
    "     2,\n"
    "     3]\n"
    "b = {'k': a,\n"
    "     'j': 2}\n"
    "print(b)\n";
  g_autofree char *moved = move (text, 0, 1);
  const char *sources[] = { "b = {'k': a,\n     'j': 2}", "a = [1,\n     2,\n     3]", "print(b)", NULL };

  g_assert_cmpstr (moved, ==,
                   "b = {'k': a,\n"
                   "     'j': 2}\n"
                   "a = [1,\n"
                   "     2,\n"
                   "     3]\n"
                   "print(b)\n");
  assert_steps (moved, sources);
}

static void
test_compound_statement (void)
{
  const char *text =
    "import torch\n"
    "x = torch.ones(2, requires_grad=True)\n"
    "with torch.no_grad():\n"
    "    y = x * 2\n"
    "\n"
    "    z = y + 1\n"
    "for i in range(2):\n"
    "    x.grad = None\n"
    "print(y)\n";
  g_autofree char *moved = move (text, 2, 4);
  g_autofree char *deleted = delete (text, 3, 3);

  /* The whole with block moves, its inner blank line too. */
  g_assert_cmpstr (moved, ==,
                   "import torch\n"
                   "x = torch.ones(2, requires_grad=True)\n"
                   "for i in range(2):\n"
                   "    x.grad = None\n"
                   "print(y)\n"
                   "with torch.no_grad():\n"
                   "    y = x * 2\n"
                   "\n"
                   "    z = y + 1\n");
  g_assert_cmpstr (deleted, ==,
                   "import torch\n"
                   "x = torch.ones(2, requires_grad=True)\n"
                   "with torch.no_grad():\n"
                   "    y = x * 2\n"
                   "\n"
                   "    z = y + 1\n"
                   "print(y)\n");
}

static void
test_delete (void)
{
  g_autofree char *middle = delete (captions, 2, 2);
  g_autofree char *last = delete (captions, 3, 2);
  g_autofree char *first = delete (captions, 0, 0);
  const char *one = "a = 1\n";
  g_autofree char *only = delete (one, 0, 0);

  /* b's caption goes too; the blank line now separates a and c. */
  g_assert_cmpstr (middle, ==,
                   "# title: Aliases\n"
                   "import copy\n"
                   "\n"
                   "# Make a list.\n"
                   "# It has an inner list.\n"
                   "a = [[1, 2], 3]\n"
                   "\n"
                   "c = copy.copy(a)\n");
  g_assert_cmpstr (last, ==,
                   "# title: Aliases\n"
                   "import copy\n"
                   "\n"
                   "# Make a list.\n"
                   "# It has an inner list.\n"
                   "a = [[1, 2], 3]\n"
                   "\n"
                   "# b is a second name.\n"
                   "b = a\n");
  /* The title stays; the blank line after import goes with it. */
  g_assert_cmpstr (first, ==,
                   "# title: Aliases\n"
                   "# Make a list.\n"
                   "# It has an inner list.\n"
                   "a = [[1, 2], 3]\n"
                   "\n"
                   "# b is a second name.\n"
                   "b = a\n"
                   "c = copy.copy(a)\n");
  g_assert_cmpstr (only, ==, "");
}

static void
test_blank_lines_and_stray_comments (void)
{
  const char *text =
    "a = 1\n"
    "\n"
    "\n"
    "# ---- part two ----\n"
    "\n"
    "b = 2\n"
    "c = 3\n";
  g_autofree char *moved = move (text, 2, 0);
  g_autofree char *deleted = delete (text, 1, 1);

  /* A comment block separated by a blank line is no caption: it stays. */
  g_assert_cmpstr (moved, ==,
                   "c = 3\n"
                   "\n"
                   "\n"
                   "# ---- part two ----\n"
                   "\n"
                   "a = 1\n"
                   "b = 2\n");
  g_assert_cmpstr (deleted, ==,
                   "a = 1\n"
                   "\n"
                   "\n"
                   "# ---- part two ----\n"
                   "\n"
                   "c = 3\n");
}

static void
test_crlf (void)
{
  const char *text = "# one\r\na = 1\r\n\r\n# two\r\nb = 2";
  g_autofree char *moved = move (text, 1, 0);
  g_autofree char *deleted = delete (text, 1, 0);
  g_autofree char *cr = move ("a = 1\rb = 2\r", 0, 1);

  /* The last line had no line end: it gets the text's \r\n when it moves
   * up, and the new last line loses its own. */
  g_assert_cmpstr (moved, ==, "# two\r\nb = 2\r\n\r\n# one\r\na = 1");
  g_assert_cmpstr (deleted, ==, "# one\r\na = 1\r\n");
  g_assert_cmpstr (cr, ==, "b = 2\ra = 1\r");
}

static void
test_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsScenarioEdit) edit = NULL;

  /* Two statements on one line cannot be moved apart by lines. */
  edit = cs_scenario_edit_move_step ("a = 1; b = 2\nc = 3\n", -1, 2, 0, &error);
  g_assert_error (error, CS_SCENARIO_EDIT_ERROR, CS_SCENARIO_EDIT_ERROR_SHARED_LINE);
  g_assert_null (edit);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Step 1"));
  g_clear_error (&error);

  edit = cs_scenario_edit_delete_step ("a = 1\nb = 2\n", -1, 2, &error);
  g_assert_error (error, CS_SCENARIO_EDIT_ERROR, CS_SCENARIO_EDIT_ERROR_NO_SUCH_STEP);
  g_assert_null (edit);
  g_clear_error (&error);

  /* An indented line after a top-level statement is an error step of
   * its own, not a step that can move. */
  edit = cs_scenario_edit_move_step ("a = 1\n    b = 2\nc = 3\n", -1, 0, 2, &error);
  g_assert_nonnull (error);
  g_assert_null (edit);
  g_clear_error (&error);

  edit = cs_scenario_edit_delete_step ("a = \xff\n", -1, 0, &error);
  g_assert_error (error, CS_SCENARIO_EDIT_ERROR, CS_SCENARIO_EDIT_ERROR_INVALID_TEXT);
  g_assert_null (edit);
}

static void
test_edit_is_minimal (void)
{
  g_autoptr (CsScenarioEdit) edit = cs_scenario_edit_move_step (captions, -1, 2, 3, NULL);

  /* Only the two swapped blocks are replaced, from "# b is" on. */
  g_assert_nonnull (edit);
  g_assert_cmpuint (edit->start, ==, strstr (captions, "# b is") - captions);
  g_assert_cmpuint (edit->end, ==, strlen (captions));
  g_assert_cmpstr (edit->replacement, ==, "c = copy.copy(a)\n# b is a second name.\nb = a\n");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/scenario-edit/move-down-captions", test_move_down_with_captions);
  g_test_add_func ("/core/scenario-edit/move-up-inverse", test_move_up_is_inverse);
  g_test_add_func ("/core/scenario-edit/first-last", test_move_first_and_last);
  g_test_add_func ("/core/scenario-edit/multi-line", test_multi_line_statement);
  g_test_add_func ("/core/scenario-edit/compound", test_compound_statement);
  g_test_add_func ("/core/scenario-edit/delete", test_delete);
  g_test_add_func ("/core/scenario-edit/blank-lines", test_blank_lines_and_stray_comments);
  g_test_add_func ("/core/scenario-edit/crlf", test_crlf);
  g_test_add_func ("/core/scenario-edit/refused", test_refused);
  g_test_add_func ("/core/scenario-edit/minimal", test_edit_is_minimal);

  return g_test_run ();
}
