/* test-repr.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * repr () as CPython 3.11 writes it (expected texts from python3).
 */

#include "config.h"

#include <string.h>

#include "cs-interp.h"
#include "cs-runtime.h"

typedef struct
{
  double      value;
  const char *repr;
} FloatCase;

static const FloatCase float_cases[] = {
  { 0.1, "0.1" }, { 0.1 + 0.2, "0.30000000000000004" }, { 1.0, "1.0" }, { -0.0, "-0.0" },
  { 1e16, "1e+16" }, { 1e15, "1000000000000000.0" }, { 1e-5, "1e-05" }, { 0.0001, "0.0001" },
  { 2.5e-7, "2.5e-07" }, { 1.0 / 3, "0.3333333333333333" }, { 123456789.0 * 10, "1234567890.0" },
  { 1e22, "1e+22" }, { 5e-324, "5e-324" },
};

static void
test_repr_float (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (float_cases); i++)
    {
      g_autofree char *r = cs_repr_float (float_cases[i].value);
      g_assert_cmpstr (r, ==, float_cases[i].repr);
    }
}

typedef struct
{
  const char *text;
  const char *repr;
} StrCase;

static const StrCase str_cases[] = {
  { "x", "'x'" },
  { "it's", "\"it's\"" },
  { "say \"hi\"", "'say \"hi\"'" },
  { "both ' and \"", "'both \\' and \"'" },
  { "tab\tnl\n", "'tab\\tnl\\n'" },
  { "\x7f\x01", "'\\x7f\\x01'" },
  { "back\\slash", "'back\\\\slash'" },
  { "\xc3\xa9\xe4\xb8\xad", "'\xc3\xa9\xe4\xb8\xad'" },
  { "\xc2\xa0", "'\\xa0'" },
};

static void
test_repr_str (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (str_cases); i++)
    {
      g_autofree char *r = cs_repr_str (str_cases[i].text, strlen (str_cases[i].text));
      g_assert_cmpstr (r, ==, str_cases[i].repr);
    }
}

static void
test_repr_containers (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *list = cs_list_new (interp, 0);
  CsObject *inner = cs_list_new (interp, 0);
  CsObject *dict = cs_dict_new (interp);
  CsObject *one = cs_tuple_pack (interp, 1, cs_int_new (interp, 1));
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *r3 = NULL;
  g_autofree char *r4 = NULL;

  cs_list_append (interp, list, cs_int_new (interp, 1));
  cs_list_append (interp, list, inner);
  cs_list_append (interp, inner, list);
  cs_list_append (interp, list, list);
  r1 = cs_op_repr (interp, list);
  g_assert_cmpstr (r1, ==, "[1, [[...]], [...]]");

  cs_dict_set (interp, dict, cs_str_new (interp, "self", -1), dict);
  cs_dict_set (interp, dict, cs_str_new (interp, "t", -1), one);
  r2 = cs_op_repr (interp, dict);
  g_assert_cmpstr (r2, ==, "{'self': {...}, 't': (1,)}");

  r3 = cs_op_repr (interp, interp->empty_tuple);
  g_assert_cmpstr (r3, ==, "()");
  r4 = cs_op_repr (interp, cs_type_object (interp, &cs_list_class));
  g_assert_cmpstr (r4, ==, "<class 'list'>");
  g_assert_null (interp->error);
}

static void
test_repr_deep (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *head = cs_list_new (interp, 0);
  CsObject *cur = head;
  char *r;

  for (int i = 0; i < 5000; i++)
    {
      CsObject *next = cs_list_new (interp, 0);
      cs_list_append (interp, cur, next);
      cur = next;
    }
  /* Python raises RecursionError instead of overflowing the C stack. */
  r = cs_op_repr (interp, head);
  g_assert_null (r);
  g_assert_nonnull (interp->error);
  g_assert_cmpstr (interp->error->type, ==, "RecursionError");
  g_assert_cmpstr (interp->error->message, ==,
                   "maximum recursion depth exceeded while getting the repr of an object");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/repr/float", test_repr_float);
  g_test_add_func ("/core/repr/str", test_repr_str);
  g_test_add_func ("/core/repr/containers", test_repr_containers);
  g_test_add_func ("/core/repr/deep", test_repr_deep);
  return g_test_run ();
}
