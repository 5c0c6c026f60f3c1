/* test-templates.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Add step" templates: inserted after any step of every bundled lesson,
 * each available template must make a scenario that runs with no new error
 * step, bind only fresh names and land where cs_template_edit_new says;
 * unavailable ones must say why.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-scenario.h"
#include "cs-templates.h"
#include "cs-value.h"

static CsTrace *
run (const char *text)
{
  g_autoptr (GError) error = NULL;
  CsTrace *trace = cs_scenario_run ("test.py", text, -1, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

static const CsSnapName *
find_name (const CsSnapshot *snap,
           const char       *name)
{
  for (guint i = 0; snap != NULL && i < snap->n_names; i++)
    if (g_str_equal (snap->names[i].name, name))
      return &snap->names[i];
  return NULL;
}

/* Every name any step binds, and every identifier of its statements. */
static GHashTable *
names_in_use (CsTrace    *trace,
              const char *text)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GRegex) regex = g_regex_new ("(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*", 0, 0, NULL);

  for (guint i = 0; trace != NULL && i < cs_trace_get_n_steps (trace); i++)
    {
      const CsStep *step = cs_trace_get_step (trace, i);
      g_autoptr (GMatchInfo) match = NULL;

      for (guint j = 0; step->snapshot != NULL && j < step->snapshot->n_names; j++)
        g_hash_table_add (set, g_strdup (step->snapshot->names[j].name));
      /* Every identifier of the code (comments do not count). */
      g_regex_match (regex, step->source, 0, &match);
      while (g_match_info_matches (match))
        {
          g_hash_table_add (set, g_match_info_fetch (match, 0));
          g_match_info_next (match, NULL);
        }
    }
  return set;
}

/* The statement of a template's code: everything after the caption line. */
static const char *
statement_of (const CsTemplate *tmpl)
{
  const char *newline = strchr (tmpl->code, '\n');

  g_assert_nonnull (newline);
  g_assert_true (g_str_has_prefix (tmpl->code, "# "));
  return newline + 1;
}

/* Inserts @tmpl after @after_step of @text (which ran as @trace) and checks
 * the result.  Returns the new trace.
 */
static CsTrace *
check_insert (const char       *where,
              const char       *text,
              CsTrace          *trace,
              guint             after_step,
              const CsTemplate *tmpl,
              GHashTable       *used)
{
  g_autoptr (CsTemplateEdit) edit = NULL;
  g_autofree char *new_text = NULL;
  g_autoptr (CsTrace) new_trace = NULL;
  g_autofree char *statement = NULL;
  guint n = trace ? cs_trace_get_n_steps (trace) : 0;
  guint n_imports = g_strv_length (tmpl->imports);
  guint new_n, j;
  const CsStep *step;

  edit = cs_template_edit_new (tmpl, trace, text, after_step);
  g_assert_nonnull (edit);
  new_text = cs_template_edit_apply (edit, text);
  g_assert_nonnull (new_text);
  g_assert_nonnull (strstr (new_text, tmpl->code));
  for (guint i = 0; i < n_imports; i++)
    g_assert_nonnull (strstr (new_text, tmpl->imports[i]));

  new_trace = run (new_text);
  new_n = cs_trace_get_n_steps (new_trace);
  if (new_n != n + 1 + n_imports)
    g_error ("%s, template %s: %u steps, expected %u\n--\n%s", where, tmpl->id, new_n,
             n + 1 + n_imports, new_text);

  /* The step the edit names is the template's statement, with its caption. */
  g_assert_cmpuint (edit->new_step, <, new_n);
  step = cs_trace_get_step (new_trace, edit->new_step);
  statement = g_strndup (statement_of (tmpl), strlen (statement_of (tmpl)) - 1);
  if (g_strcmp0 (step->source, statement) != 0)
    g_error ("%s, template %s: step %u is \"%s\", expected \"%s\"\n--\n%s", where, tmpl->id,
             edit->new_step, step->source, statement, new_text);
  g_assert_nonnull (step->caption);
  g_assert_true (strstr (tmpl->code, step->caption) != NULL);
  if (step->error != NULL)
    g_error ("%s, template %s (%s): %s: %s\n--\n%s", where, tmpl->id, statement,
             step->error->type, step->error->message, new_text);

  /* A template that changes what later statements use may change how
   * they run (that is what it is for); it says so.
   */
  if (tmpl->changes_later)
    return g_steal_pointer (&new_trace);

  /* No other step fails that did not fail before (an error the lesson
   * shows on purpose may stay): the original steps keep their order, the
   * imports and the template are the extra ones.
   */
  j = 0;
  for (guint i = 0, skipped = 0; i < new_n; i++)
    {
      const CsStep *new_step = cs_trace_get_step (new_trace, i);
      const CsStep *old_step;

      if (i == edit->new_step)
        continue;
      if ((j >= n || g_strcmp0 (cs_trace_get_step (trace, j)->source, new_step->source) != 0) &&
          skipped < n_imports && g_strv_contains ((const char *const *) tmpl->imports, new_step->source))
        {
          skipped++;
          continue;
        }
      g_assert_cmpuint (j, <, n);
      old_step = cs_trace_get_step (trace, j++);
      g_assert_cmpstr (old_step->source, ==, new_step->source);
      /* A rebinding may take away a later error (a new contiguous tensor
       * views fine); it must never add one.
       */
      if (new_step->error != NULL &&
          (old_step->error == NULL || g_strcmp0 (old_step->error->type, new_step->error->type) != 0))
        g_error ("%s, template %s (%s) changed step \"%s\": %s %s\n--\n%s", where, tmpl->id, statement,
                 new_step->source,
                 new_step->error ? new_step->error->type : "no error",
                 new_step->error ? new_step->error->message : "",
                 new_text);
    }
  g_assert_cmpuint (j, ==, n);

  /* A new name is fresh, and the statement binds it. */
  if (tmpl->target != NULL && g_strcmp0 (tmpl->target, tmpl->source) != 0)
    {
      if (g_hash_table_contains (used, tmpl->target))
        g_error ("%s, template %s: name %s is not fresh", where, tmpl->id, tmpl->target);
      g_assert_nonnull (find_name (step->snapshot, tmpl->target));
      g_assert_false (find_name (step->snapshot, tmpl->target)->hidden);
    }
  if (tmpl->source != NULL)
    g_assert_nonnull (find_name (step->snapshot, tmpl->source));

  return g_steal_pointer (&new_trace);
}

static void
check_all_templates (const char *where,
                     const char *text,
                     CsTrace    *trace,
                     guint       after_step,
                     guint      *n_available,
                     guint      *n_unavailable)
{
  g_autoptr (GPtrArray) list = cs_templates_list (trace, after_step);
  g_autoptr (GHashTable) used = names_in_use (trace, text);

  g_assert_cmpuint (list->len, ==, 15);
  for (guint i = 0; i < list->len; i++)
    {
      const CsTemplate *tmpl = g_ptr_array_index (list, i);
      g_autoptr (CsTemplate) again = cs_templates_get (trace, after_step, tmpl->id);

      g_assert_nonnull (tmpl->label);
      g_assert_nonnull (tmpl->imports);
      g_assert_nonnull (again);
      g_assert_cmpstr (again->code, ==, tmpl->code);

      /* Only changes of existing things can change later steps, and at
       * the last step there are none.
       */
      if (tmpl->changes_later)
        {
          g_assert_true (g_str_equal (tmpl->id, "rebind") || g_str_equal (tmpl->id, "inplace") ||
                         g_str_equal (tmpl->id, "backward"));
          g_assert_true (trace != NULL && after_step + 1 < cs_trace_get_n_steps (trace));
        }

      if (tmpl->available)
        {
          g_autoptr (CsTrace) new_trace = NULL;

          g_assert_null (tmpl->reason);
          new_trace = check_insert (where, text, trace, after_step, tmpl, used);
          (*n_available)++;
        }
      else
        {
          g_assert_nonnull (tmpl->reason);
          g_assert_cmpstr (tmpl->reason, !=, "");
          g_assert_null (tmpl->code);
          g_assert_null (cs_template_edit_new (tmpl, trace, text, after_step));
          (*n_unavailable)++;
        }
    }
}

/* Under AddressSanitizer (the sanitizer pass of the test command) every
 * engine run is many times slower: that pass checks every third step and
 * file of what the normal pass checks in full.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SAMPLE_EVERY 3
#else
#define SAMPLE_EVERY 1
#endif

/* Every lesson (English and Chinese), every template after every step. */
static void
test_lessons (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "data", "lessons", NULL);
  g_autofree char *index_path = g_build_filename (dir, "lessons.json", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) ids_seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *lessons;
  guint n_available = 0, n_unavailable = 0;

  json_parser_load_from_file (parser, index_path, &error);
  g_assert_no_error (error);
  lessons = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "lessons");
  g_assert_cmpuint (json_array_get_length (lessons), >=, 13);

  for (guint l = 0; l < 2 * json_array_get_length (lessons); l++)
    {
      JsonObject *lesson = json_array_get_object_element (lessons, l / 2);
      /* The English file, then the Chinese one (same code, other captions). */
      const char *file = json_object_get_string_member (json_object_get_object_member (lesson, "files"),
                                                        l % 2 == 0 ? "en" : "zh_CN");
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autofree char *text = NULL;
      g_autoptr (CsTrace) trace = NULL;
      guint n;

      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      trace = run (text);
      n = cs_trace_get_n_steps (trace);
      g_assert_cmpuint (n, >, 3);

      for (guint step = 0; step < n; step++)
        {
          g_autofree char *where = g_strdup_printf ("%s after step %u", file, step);
          g_autoptr (GPtrArray) list = NULL;

          if ((l + step) % SAMPLE_EVERY != 0)
            continue;
          list = cs_templates_list (trace, step);
          check_all_templates (where, text, trace, step, &n_available, &n_unavailable);
          for (guint i = 0; i < list->len; i++)
            {
              const CsTemplate *tmpl = g_ptr_array_index (list, i);

              if (tmpl->available)
                g_hash_table_add (ids_seen, (gpointer) g_intern_string (tmpl->id));
            }
        }
    }

  /* Over the whole course every template applies somewhere, and some do
   * not apply everywhere.
   */
  g_test_message ("%u available, %u unavailable", n_available, n_unavailable);
  if (SAMPLE_EVERY == 1)
    g_assert_cmpuint (g_hash_table_size (ids_seen), ==, 15);
  g_assert_cmpuint (n_unavailable, >, 0);
}

/* With nothing in the scenario, the templates that create something give
 * runnable starter code; the others say what they need.
 */
static void
test_empty (void)
{
  const char *texts[] = { "", "# title: New\n", "# title: New\n\n# no newline at the end" };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr (CsTrace) trace = run (texts[t]);
      guint n_available = 0, n_unavailable = 0;

      g_assert_cmpuint (cs_trace_get_n_steps (trace), ==, 0);
      check_all_templates ("empty", texts[t], trace, 0, &n_available, &n_unavailable);
      g_assert_cmpuint (n_available, ==, 3);
      check_all_templates ("empty", texts[t], NULL, 0, &n_available, &n_unavailable);
      g_assert_cmpuint (n_available, ==, 6);
    }

  {
    g_autoptr (CsTemplate) tensor = cs_templates_get (NULL, 0, "torch-tensor");
    g_autoptr (CsTemplate) array = cs_templates_get (NULL, 0, "np-array");
    g_autoptr (CsTemplate) deep = cs_templates_get (NULL, 0, "deepcopy");
    g_autoptr (CsTemplate) transpose = cs_templates_get (NULL, 0, "transpose");
    g_autoptr (CsTemplate) backward = cs_templates_get (NULL, 0, "backward");
    g_autoptr (CsTemplateEdit) edit = NULL;
    g_autofree char *text = NULL;

    g_assert_true (tensor->available);
    g_assert_true (g_str_has_suffix (tensor->code, "\nt = torch.tensor([1., 2., 3.])\n"));
    g_assert_cmpuint (g_strv_length (tensor->imports), ==, 1);
    g_assert_cmpstr (tensor->imports[0], ==, "import torch");
    g_assert_cmpstr (array->imports[0], ==, "import numpy as np");
    g_assert_true (g_str_has_suffix (array->code, "\narr = np.array([1, 2, 3])\n"));
    g_assert_false (deep->available);
    g_assert_cmpstr (deep->reason, ==, "needs a list, dict, NumPy array or leaf tensor");
    g_assert_false (transpose->available);
    g_assert_cmpstr (transpose->reason, ==, "needs a tensor with at least 2 dimensions");
    g_assert_false (backward->available);
    g_assert_cmpstr (backward->reason, ==, "needs a leaf tensor that requires grad");

    edit = cs_template_edit_new (tensor, NULL, "# title: x", 0);
    text = cs_template_edit_apply (edit, "# title: x");
    g_assert_cmpstr (text, ==,
                     "# title: x\nimport torch\n"
                     "# torch.tensor always copies the data: `t` has a storage of its own.\n"
                     "t = torch.tensor([1., 2., 3.])\n");
    g_assert_cmpuint (edit->new_step, ==, 1);
  }
}

static const char *scenario =
  "# title: Test\n"
  "\n"
  "# We use both libraries.\n"
  "import numpy as np\n"
  "import torch\n"
  "# A list.\n"
  "a = [[1, 2], 3]\n"
  "b = 5\n"
  "x = torch.arange(6.)\n"
  "n = np.arange(4)\n"
  "w = torch.ones(2, 3, requires_grad=True)\n"
  "v = x\n"
  "s = w.t()\n"
  "print(a, b)";

/* The names a template picks: the most recent suitable one, fresh names
 * for what it binds, shapes that fit.
 */
static void
test_names (void)
{
  g_autoptr (CsTrace) trace = run (scenario);
  guint last = cs_trace_get_n_steps (trace) - 1;
  struct {
    guint       after;
    const char *id;
    const char *statement;    /* NULL: unavailable */
    const char *import;       /* NULL: none */
  } cases[] = {
    /* Most recent name first: s, then v, w, ...; `t` is taken by w.t(). */
    { last, "assign", "c = s\n", NULL },
    { last, "copy", "c = copy.copy(n)\n", "import copy" },
    { last, "deepcopy", "c = copy.deepcopy(v)\n", "import copy" },
    { last, "np-array", "arr = np.array(n)\n", NULL },
    { last, "torch-tensor", "t2 = torch.tensor(n)\n", NULL },
    { last, "from-numpy", "t2 = torch.from_numpy(n)\n", NULL },
    { last, "as-tensor", "t2 = torch.as_tensor(n)\n", NULL },
    { last, "clone", "s2 = s.clone()\n", NULL },
    { last, "detach", "s2 = s.detach()\n", NULL },
    { last, "transpose", "s2 = s.transpose(0, 1)\n", NULL },
    { last, "contiguous", "s2 = s.contiguous()\n", NULL },
    { last, "view", "v2 = v.view(2, 3)\n", NULL },
    { last, "inplace", "v[0] = 0\n", NULL },
    { last, "backward", "w.sum().backward()\n", NULL },
    { last, "rebind", "s = s * 1\n", NULL },
    /* After `a = ...` only the list and the modules exist. */
    { 2, "assign", "c = a\n", NULL },
    /* A new list with the same items (a literal would not share [1, 2]). */
    { 2, "rebind", "a = list(a)\n", NULL },
    { 3, "rebind", "b = 5\n", NULL },
    { 2, "deepcopy", "c = copy.deepcopy(a)\n", "import copy" },
    { 2, "inplace", "a[1] = 0\n", NULL },
    { 2, "clone", NULL, NULL },
    { 2, "view", NULL, NULL },
    { 2, "transpose", NULL, NULL },
    { 2, "np-array", "arr = np.array([1, 2, 3])\n", NULL },
    /* After x = torch.arange(6.): a 1-D tensor views as 2 x 3, cannot transpose. */
    { 4, "view", "x2 = x.view(2, 3)\n", NULL },
    { 4, "transpose", NULL, NULL },
    { 4, "backward", NULL, NULL },
    { 4, "rebind", "x = torch.zeros(6)\n", NULL },
    /* The 2-D leaf w: flattening view, transpose, backward, no_grad write. */
    { 6, "view", "w2 = w.view(6)\n", NULL },
    { 6, "transpose", "w2 = w.transpose(0, 1)\n", NULL },
    /* w is used later, n is not: the write goes to n. */
    { 6, "inplace", "n[0] = 0\n", NULL },
    /* The non-contiguous transpose is the one .contiguous() prefers. */
    { last, "contiguous", "s2 = s.contiguous()\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CsTemplate) tmpl = cs_templates_get (trace, cases[i].after, cases[i].id);

      g_assert_nonnull (tmpl);
      if (cases[i].statement == NULL)
        {
          if (tmpl->available)
            g_error ("case %u (%s): expected unavailable, got %s", i, cases[i].id, tmpl->code);
          g_assert_nonnull (tmpl->reason);
          continue;
        }
      if (!tmpl->available)
        g_error ("case %u (%s): unavailable: %s", i, cases[i].id, tmpl->reason);
      if (!g_str_has_suffix (tmpl->code, cases[i].statement))
        g_error ("case %u (%s): got \"%s\", expected \"%s\"", i, cases[i].id, tmpl->code, cases[i].statement);
      if (cases[i].import == NULL)
        g_assert_cmpuint (g_strv_length (tmpl->imports), ==, 0);
      else
        {
          g_assert_cmpuint (g_strv_length (tmpl->imports), ==, 1);
          g_assert_cmpstr (tmpl->imports[0], ==, cases[i].import);
        }
    }

  g_assert_null (cs_templates_get (trace, 0, "no-such-template"));

  /* Rebinding `a` with statements after it that use `a` says so; after
   * the last step nothing can change.
   */
  {
    g_autoptr (CsTemplate) early = cs_templates_get (trace, 2, "rebind");
    g_autoptr (CsTemplate) late = cs_templates_get (trace, last, "rebind");
    g_autoptr (CsTemplate) copy = cs_templates_get (trace, 2, "deepcopy");

    g_assert_true (early->changes_later);
    g_assert_false (late->changes_later);
    g_assert_false (copy->changes_later);
  }

  /* copy.copy of an array copies its data; of a list, only the outside. */
  {
    g_autoptr (CsTemplate) array_copy = cs_templates_get (trace, last, "copy");
    g_autoptr (CsTemplate) list_copy = cs_templates_get (trace, 2, "copy");

    g_assert_cmpstr (array_copy->code, ==,
                     "# copy.copy of a NumPy array copies its data: `c` has memory of its own.\n"
                     "c = copy.copy(n)\n");
    g_assert_cmpstr (list_copy->code, ==,
                     "# `c` is a new outer object, but what `a` holds inside is shared, not copied.\n"
                     "c = copy.copy(a)\n");
  }

  /* A leaf that requires grad is written under torch.no_grad(). */
  {
    g_autoptr (CsTrace) leaf = run ("import torch\nw = torch.ones(2, requires_grad=True)\n");
    g_autoptr (CsTemplate) tmpl = cs_templates_get (leaf, 1, "inplace");

    g_assert_true (tmpl->available);
    g_assert_true (g_str_has_suffix (tmpl->code, "\nwith torch.no_grad():\n    w.add_(1)\n"));
  }
}

/* Where the code and the imports go. */
static void
test_placement (void)
{
  g_autoptr (CsTrace) trace = run (scenario);
  g_autoptr (CsTemplate) deep = cs_templates_get (trace, 2, "deepcopy");
  g_autoptr (CsTemplateEdit) edit = cs_template_edit_new (deep, trace, scenario, 2);
  g_autofree char *text = cs_template_edit_apply (edit, scenario);
  g_autoptr (CsTrace) new_trace = run (text);
  g_autoptr (CsTemplate) early = cs_templates_get (trace, 0, "deepcopy");
  g_autoptr (CsTemplate) end = cs_templates_get (trace, 100, "assign");
  g_autoptr (CsTemplateEdit) end_edit = cs_template_edit_new (end, trace, scenario, 100);
  g_autofree char *end_text = cs_template_edit_apply (end_edit, scenario);

  /* The import goes after the leading imports, the code after `a = ...`
   * (step 2; with import copy before it the new step is 4).
   */
  g_assert_true (g_str_has_prefix (text,
                                   "# title: Test\n\n# We use both libraries.\nimport numpy as np\nimport torch\n"
                                   "import copy\n"
                                   "# A list.\na = [[1, 2], 3]\n"
                                   "# `c` is a copy of `a` and of everything inside it: they share nothing.\n"
                                   "c = copy.deepcopy(a)\n"
                                   "b = 5\n"));
  g_assert_cmpuint (edit->new_step, ==, 4);
  g_assert_cmpstr (cs_trace_get_step (new_trace, 4)->source, ==, "c = copy.deepcopy(a)");
  g_assert_cmpstr (cs_trace_get_step (new_trace, 4)->caption, ==,
                   "`c` is a copy of `a` and of everything inside it: they share nothing.");

  /* After the first import nothing else is imported yet; the import then
   * goes right before the code.
   */
  g_assert_false (early->available);
  {
    g_autoptr (CsTemplate) tensor = cs_templates_get (trace, 0, "torch-tensor");
    g_autoptr (CsTemplateEdit) tensor_edit = cs_template_edit_new (tensor, trace, scenario, 0);

    g_assert_cmpstr (tensor->imports[0], ==, "import torch");
    g_assert_cmpuint (tensor_edit->import_offset, ==, tensor_edit->code_offset);
    g_assert_cmpuint (tensor_edit->import_offset, ==, strstr (scenario, "import torch") - scenario);
    g_assert_cmpuint (tensor_edit->new_step, ==, 2);
  }

  /* At the end of a text without a final newline. */
  g_assert_true (g_str_has_suffix (end_text, "print(a, b)\n# `c = s` copies nothing: `c` is a second name for the same object.\nc = s\n"));
  g_assert_cmpuint (end_edit->new_step, ==, cs_trace_get_n_steps (trace));

  /* A module name used for something else. */
  {
    g_autoptr (CsTrace) clash = run ("np = [1, 2]\n");
    g_autoptr (CsTemplate) array = cs_templates_get (clash, 0, "np-array");

    g_assert_false (array->available);
    g_assert_cmpstr (array->reason, ==, "the name `np` is used for something else");
  }
}

/* Every public conformance case (autograd, tensor, Python, the article),
 * after its middle and its last step: scenarios written for other reasons
 * than templates, with errors, loops, functions and odd names.
 */
static void
test_conformance (void)
{
  const char *dirs[] = { "autograd", "tensor", "python", "public" };
  guint n_available = 0, n_unavailable = 0, n_files = 0, n_seen = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "conformance", dirs[d], NULL);
      g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autofree char *text = NULL;
          g_autoptr (CsTrace) trace = NULL;
          guint n;

          if (!g_str_has_suffix (name, ".py") || n_seen++ % SAMPLE_EVERY != 0
              || !g_file_get_contents (path, &text, NULL, NULL))
            continue;
          trace = cs_scenario_run (name, text, -1, NULL, NULL);
          if (trace == NULL || (n = cs_trace_get_n_steps (trace)) == 0)
            continue;
          n_files++;
          for (guint k = 0; k < 2; k++)
            {
              guint step = k == 0 ? n / 2 : n - 1;
              g_autofree char *where = g_strdup_printf ("%s/%s after step %u", dirs[d], name, step);

              check_all_templates (where, text, trace, step, &n_available, &n_unavailable);
            }
        }
    }
  g_test_message ("%u files, %u available, %u unavailable", n_files, n_available, n_unavailable);
  g_assert_cmpuint (n_files, >, 50 / SAMPLE_EVERY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/templates/empty", test_empty);
  g_test_add_func ("/core/templates/names", test_names);
  g_test_add_func ("/core/templates/placement", test_placement);
  g_test_add_func ("/core/templates/lessons", test_lessons);
  g_test_add_func ("/core/templates/conformance", test_conformance);

  return g_test_run ();
}
