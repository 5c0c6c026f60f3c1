/* test-facts.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shape of the facts JSON (FACTS.md).
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "cs-facts.h"
#include "cs-parser.h"

static JsonObject *
facts_of (const char *source,
          JsonParser *parser)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  g_autoptr (CsTrace) trace = cs_trace_run (program, NULL);
  g_autofree char *json = cs_facts_to_json (trace, "t.py");
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_facts_shape (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = facts_of ("import copy\na = [[1, 2], 3.5, 'x', None, (True, 7)]\n"
                               "b = copy.copy(a)\nprint(id(a) == id(b), id(a))\nq\n", parser);
  JsonArray *steps = json_object_get_array_member (root, "steps");
  JsonObject *step, *names, *objects, *o;
  JsonArray *items;
  const char *la, *lb;

  g_assert_cmpstr (json_object_get_string_member (root, "schema"), ==, "copyscope-facts/1");
  g_assert_cmpstr (json_object_get_string_member (root, "file"), ==, "t.py");
  g_assert_cmpuint (json_array_get_length (steps), ==, 5);

  /* The imported module is not a user name. */
  step = json_array_get_object_element (steps, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (step, "names")), ==, 0);
  g_assert_true (json_object_get_null_member (step, "error"));

  step = json_array_get_object_element (steps, 2);
  names = json_object_get_object_member (step, "names");
  objects = json_object_get_object_member (step, "objects");
  la = json_object_get_string_member (json_object_get_object_member (names, "a"), "ref");
  lb = json_object_get_string_member (json_object_get_object_member (names, "b"), "ref");
  g_assert_cmpstr (la, !=, lb);
  /* a, a[0] and b: three mutable objects. */
  g_assert_cmpuint (json_object_get_size (objects), ==, 3);
  o = json_object_get_object_member (objects, la);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "list");
  items = json_object_get_array_member (o, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 5);
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (items, 1), "float"), ==, 3.5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 2), "str"), ==, "x");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (items, 3), "none"));
  {
    JsonArray *t = json_object_get_array_member (json_array_get_object_element (items, 4), "tuple");
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (t, 0), "bool"));
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (t, 1), "int"), ==, 7);
  }
  /* Shallow copy: both outer lists reference the same inner list. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "ref"), ==,
                   json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_object_get_object_member (objects, lb), "items"), 0), "ref"));

  step = json_array_get_object_element (steps, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (step, "ids")), ==, 3);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (step, "stdout"), "False "));

  step = json_array_get_object_element (steps, 4);
  o = json_object_get_object_member (step, "error");
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "NameError");
  g_assert_cmpstr (json_object_get_string_member (o, "message"), ==, "name 'q' is not defined");
}

static void
test_facts_hidden_names (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = facts_of ("from math import pi\ndef f():\n    pass\nx = len\npi = 3.0\n", parser);
  JsonArray *steps = json_object_get_array_member (root, "steps");
  JsonObject *names;

  /* Imported names, functions and builtins are hidden until rebound. */
  names = json_object_get_object_member (json_array_get_object_element (steps, 2), "names");
  g_assert_cmpuint (json_object_get_size (names), ==, 0);
  names = json_object_get_object_member (json_array_get_object_element (steps, 3), "names");
  g_assert_cmpuint (json_object_get_size (names), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (names, "pi"), "float"), ==, 3.0);
}

static void
test_facts_other_and_floats (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = facts_of ("d = {'a': 1}\nk = d.keys()\nr = range(3)\nf = 0.1 + 0.2\n", parser);
  JsonArray *steps = json_object_get_array_member (root, "steps");
  JsonObject *names = json_object_get_object_member (json_array_get_object_element (steps, 3), "names");
  JsonObject *other = json_object_get_object_member (json_object_get_object_member (names, "k"), "other");

  g_assert_cmpstr (json_object_get_string_member (other, "type"), ==, "dict_keys");
  g_assert_cmpstr (json_object_get_string_member (other, "repr"), ==, "dict_keys(['a'])");
  other = json_object_get_object_member (json_object_get_object_member (names, "r"), "other");
  g_assert_cmpstr (json_object_get_string_member (other, "repr"), ==, "range(0, 3)");
  /* Six significant digits. */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (names, "f"), "float"), ==, 0.3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/core/facts/shape", test_facts_shape);
  g_test_add_func ("/core/facts/hidden-names", test_facts_hidden_names);
  g_test_add_func ("/core/facts/other-and-floats", test_facts_other_and_floats);
  return g_test_run ();
}
