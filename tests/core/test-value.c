/* test-value.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The object model: serials, id () addresses, CPython's caches, and the
 * collector (cycles included).
 */

#include "config.h"

#include "cs-interp.h"
#include "cs-runtime.h"

static void
test_value_serials_and_ids (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *a = cs_list_new (interp, 0);
  CsObject *b = cs_list_new (interp, 0);

  g_assert_cmpuint (b->serial, >, a->serial);
  g_assert_cmpuint (a->address, !=, b->address);
  /* compare.py needs large, distinctive id () values. */
  g_assert_cmpuint (a->address, >, 1000000);
  g_assert_cmpuint (a->address % 16, ==, 0);
}

static void
test_value_small_ints (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);

  g_assert_true (cs_int_new (interp, 256) == cs_int_new (interp, 256));
  g_assert_true (cs_int_new (interp, -5) == cs_int_new (interp, -5));
  g_assert_true (cs_int_new (interp, 257) != cs_int_new (interp, 257));
  g_assert_true (cs_int_new (interp, -6) != cs_int_new (interp, -6));
  g_assert_cmpint (cs_int_new (interp, 1000)->int_value, ==, 1000);
}

static void
test_value_strings (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *s = cs_str_new (interp, "h\xc3\xa9llo", -1);

  g_assert_cmpuint (s->str.len, ==, 6);
  g_assert_cmpuint (s->str.n_chars, ==, 5);
  /* One-character Latin-1 strings and interned identifiers are shared. */
  g_assert_true (cs_str_new (interp, "a", 1) == cs_str_new (interp, "a", 1));
  g_assert_true (cs_str_intern (interp, "name") == cs_str_intern (interp, "name"));
  g_assert_true (cs_str_new (interp, "ab", 2) != cs_str_new (interp, "ab", 2));
  g_assert_true (cs_str_new (interp, "", 0) == cs_str_new (interp, "", 0));
}

static void
test_value_dict (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  CsObject *d = cs_dict_new (interp);
  CsObject *v = NULL;

  /* 1 == 1.0 == True: one key. */
  g_assert_true (cs_dict_set (interp, d, cs_int_new (interp, 1), cs_str_new (interp, "a", 1)));
  g_assert_true (cs_dict_set (interp, d, cs_float_new (interp, 1.0), cs_str_new (interp, "b", 1)));
  g_assert_true (cs_dict_set (interp, d, cs_bool (interp, TRUE), cs_str_new (interp, "c", 1)));
  g_assert_cmpuint (d->dict.len, ==, 1);
  g_assert_cmpint (cs_dict_lookup (interp, d, cs_int_new (interp, 1), &v), ==, 1);
  g_assert_cmpstr (v->str.data, ==, "c");
  /* The first key object stays (CPython keeps the original key). */
  g_assert_true (cs_object_kind (d->dict.entries[0].key) == CS_KIND_INT);

  for (int i = 0; i < 1000; i++)
    g_assert_true (cs_dict_set (interp, d, cs_int_new (interp, i * 7), cs_int_new (interp, i)));
  g_assert_cmpuint (d->dict.len, ==, 1001);   /* plus the key 1 */
  g_assert_cmpint (cs_dict_remove (interp, d, cs_int_new (interp, 7 * 500), NULL), ==, 1);
  g_assert_cmpint (cs_dict_lookup (interp, d, cs_int_new (interp, 7 * 500), NULL), ==, 0);
  g_assert_cmpint (cs_dict_lookup (interp, d, cs_int_new (interp, 7 * 999), &v), ==, 1);
  g_assert_cmpint (v->int_value, ==, 999);

  /* Unhashable keys raise Python's TypeError. */
  g_assert_false (cs_dict_set (interp, d, cs_list_new (interp, 0), v));
  g_assert_nonnull (interp->error);
  g_assert_cmpstr (interp->error->type, ==, "TypeError");
  g_assert_cmpstr (interp->error->message, ==, "unhashable type: 'list'");
}

static gboolean
heap_has (CsInterp *interp,
          guint64   serial,
          GArray   *freed)
{
  for (guint i = 0; i < freed->len; i++)
    if (g_array_index (freed, guint64, i) == serial)
      return FALSE;
  return TRUE;
}

static void
test_value_collect_cycles (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  g_autoptr (GArray) freed = g_array_new (FALSE, FALSE, sizeof (guint64));
  CsObject *globals = cs_interp_get_globals (interp);
  CsObject *kept = cs_list_new (interp, 0);
  CsObject *cycle = cs_list_new (interp, 0);
  CsObject *inner = cs_list_new (interp, 0);
  CsObject *roots[1] = { globals };
  guint64 kept_serial = kept->serial, kept_address = kept->address;
  guint64 cycle_serial = cycle->serial, inner_serial = inner->serial;
  gsize before;

  /* kept -> inner; cycle -> cycle (unreachable). */
  cs_list_append (interp, kept, inner);
  cs_list_append (interp, cycle, cycle);
  cs_namespace_set (globals, "kept", kept);

  before = cs_heap_count (cs_interp_get_heap (interp));
  cs_heap_collect (cs_interp_get_heap (interp), roots, 1, freed);
  g_assert_cmpuint (cs_heap_count (cs_interp_get_heap (interp)), ==, before - 1);
  g_assert_false (heap_has (interp, cycle_serial, freed));
  g_assert_true (heap_has (interp, kept_serial, freed));
  g_assert_true (heap_has (interp, inner_serial, freed));
  /* Survivors keep their identity. */
  g_assert_cmpuint (kept->address, ==, kept_address);

  /* Unbinding frees the whole structure; small ints survive (permanent). */
  cs_namespace_del (globals, "kept");
  g_array_set_size (freed, 0);
  cs_heap_collect (cs_interp_get_heap (interp), roots, 1, freed);
  g_assert_cmpuint (freed->len, ==, 2);
  g_assert_cmpint (cs_int_new (interp, 3)->int_value, ==, 3);
}

static void
test_value_collect_deep (void)
{
  g_autoptr (CsInterp) interp = cs_interp_new (NULL);
  g_autoptr (GArray) freed = g_array_new (FALSE, FALSE, sizeof (guint64));
  CsObject *globals = cs_interp_get_globals (interp);
  CsObject *roots[1] = { globals };
  CsObject *head = cs_list_new (interp, 0);

  /* A chain far deeper than any C stack would allow recursively. */
  cs_namespace_set (globals, "head", head);
  for (int i = 0; i < 200000; i++)
    {
      CsObject *next = cs_list_new (interp, 0);
      cs_list_append (interp, head, next);
      head = next;
    }
  cs_heap_collect (cs_interp_get_heap (interp), roots, 1, freed);
  g_assert_cmpuint (freed->len, ==, 0);
  cs_namespace_del (globals, "head");
  cs_heap_collect (cs_interp_get_heap (interp), roots, 1, freed);
  g_assert_cmpuint (freed->len, ==, 200001);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/value/serials-and-ids", test_value_serials_and_ids);
  g_test_add_func ("/core/value/small-ints", test_value_small_ints);
  g_test_add_func ("/core/value/strings", test_value_strings);
  g_test_add_func ("/core/value/dict", test_value_dict);
  g_test_add_func ("/core/value/collect-cycles", test_value_collect_cycles);
  g_test_add_func ("/core/value/collect-deep", test_value_collect_deep);
  return g_test_run ();
}
