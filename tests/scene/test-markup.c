/* test-markup.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backticked code in captions and explanations becomes Pango markup that
 * parses, with everything else escaped.
 */

#include "config.h"

#include <pango/pango.h>

#include "cs-markup.h"

static void
check (const char *text,
       const char *markup,
       const char *plain)
{
  g_autofree char *got = cs_markup_from_backticks (text, "font_family=\"monospace\"");
  g_autofree char *got_plain = cs_markup_strip_backticks (text);
  g_autofree char *parsed = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstr (got, ==, markup);
  g_assert_cmpstr (got_plain, ==, plain);
  /* Pango reads it, and its text is the plain text. */
  g_assert_true (pango_parse_markup (got, -1, 0, NULL, &parsed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parsed, ==, plain);
}

static void
test_markup (void)
{
  check ("", "", "");
  check ("no code", "no code", "no code");
  check ("`b = a` copies nothing: `b` is a second name",
         "<span font_family=\"monospace\">b = a</span> copies nothing: "
         "<span font_family=\"monospace\">b</span> is a second name",
         "b = a copies nothing: b is a second name");
  /* Escaping, inside and outside code. */
  check ("`a < b` & <i>", "<span font_family=\"monospace\">a &lt; b</span> &amp; &lt;i&gt;",
         "a < b & <i>");
  /* An unpaired backtick is text. */
  check ("it's `x", "it&apos;s `x", "it's `x");
  check ("``", "<span font_family=\"monospace\"></span>", "");
  check ("中文 `张量` 共享", "中文 <span font_family=\"monospace\">张量</span> 共享", "中文 张量 共享");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scene/markup", test_markup);
  return g_test_run ();
}
