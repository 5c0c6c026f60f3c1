/* test-lexer.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-lexer.h"

/* Token kinds of @source joined by spaces; NAME/INT/STRING show values. */
static char *
lex_to_string (const char *source)
{
  CsPool *pool = cs_pool_new ();
  CsTokens tokens = { 0 };
  GString *out = g_string_new (NULL);
  guint i;

  cs_lex (pool, source, strlen (source), &tokens);
  for (i = 0; i < tokens.n_tokens; i++)
    {
      const CsToken *tok = &tokens.tokens[i];

      if (out->len > 0)
        g_string_append_c (out, ' ');
      switch (tok->kind)
        {
        case CS_TOK_NAME:
          g_string_append (out, tok->text);
          break;
        case CS_TOK_INT:
          if (tok->flags & CS_INT_TOO_LARGE)
            g_string_append (out, "TOO_LARGE");
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT, tok->int_value);
          break;
        case CS_TOK_FLOAT:
          g_string_append_printf (out, "%.17gF", tok->float_value);
          break;
        case CS_TOK_STRING:
          {
            g_autofree char *esc = g_strescape (tok->text, NULL);

            g_string_append_printf (out, "'%s'%s%s%s", esc,
                                    (tok->flags & CS_STR_RAW) ? "r" : "",
                                    (tok->flags & CS_STR_BYTES) ? "b" : "",
                                    (tok->flags & CS_STR_FORMAT) ? "f" : "");
          }
          break;
        case CS_TOK_ERROR:
          g_string_append_printf (out, "ERROR<%u:%u %s>", tok->error.line, tok->error.column, tok->text);
          break;
        default:
          g_string_append (out, cs_token_kind_to_string (tok->kind));
          break;
        }
    }

  cs_tokens_clear (&tokens);
  cs_pool_free (pool);
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *source;
  const char *tokens;
} LexCase;

static const LexCase lex_cases[] = {
  { "", "EOF" },
  { "\n\n  \n# only a comment\n", "EOF" },
  { "a = 1", "a = 1 NEWLINE EOF" },
  { "a = 1\n", "a = 1 NEWLINE EOF" },
  { "a=b+c*2", "a = b + c * 2 NEWLINE EOF" },
  { "x **= 2; y //= 3 >> 1 << 2", "x **= 2 ; y //= 3 >> 1 << 2 NEWLINE EOF" },
  { "a != b <= c >= d == e -> f := g ... @ @= ~ ^ | &",
    "a != b <= c >= d == e -> f := g ... @ @= ~ ^ | & NEWLINE EOF" },
  { "if x:\n    y\nz\n", "if x : NEWLINE INDENT y NEWLINE DEDENT z NEWLINE EOF" },
  { "if x:\n  if y:\n    z\n", "if x : NEWLINE INDENT if y : NEWLINE INDENT z NEWLINE DEDENT DEDENT EOF" },
  { "if x:\n    y\n\n    # c\n    z", "if x : NEWLINE INDENT y NEWLINE z NEWLINE DEDENT EOF" },
  /* A tab goes to the next multiple of 8, so it matches 8 spaces... */
  { "if x:\n\ty\n\tz\n", "if x : NEWLINE INDENT y NEWLINE z NEWLINE DEDENT EOF" },
  /* ...but mixing them the other way is a TabError in CPython. */
  { "if x:\n\tpass\n        pass\n",
    "if x : NEWLINE INDENT pass NEWLINE "
    "ERROR<3:1 inconsistent use of tabs and spaces in indentation> pass NEWLINE DEDENT EOF" },
  { "x = (1,\n     2)\n", "x = ( 1 , 2 ) NEWLINE EOF" },
  { "x = [1,\n# c\n  2]\ny", "x = [ 1 , 2 ] NEWLINE y NEWLINE EOF" },
  { "x = 1 + \\\n    2\n", "x = 1 + 2 NEWLINE EOF" },
  { "if True:\n  x = 1\n y\n",
    "if True : NEWLINE INDENT x = 1 NEWLINE DEDENT "
    "ERROR<3:3 unindent does not match any outer indentation level> y NEWLINE EOF" },
  { "'a' \"b\" '''c\nd''' \"\"\"e\"\"\"", "'a' 'b' 'c\\nd' 'e' NEWLINE EOF" },
  { "'\\n\\t\\\\\\'\\\"\\x41\\u00e9\\U0001F600\\101\\q'",
    "'\\n\\t\\\\'\\\"A\\303\\251\\360\\237\\230\\200A\\\\q' NEWLINE EOF" },
  { "'a\\\nb'", "'ab' NEWLINE EOF" },
  { "r'\\n' R\"\\d\" rb'x' f'{a}' u'x' Rb'y' BR'z' fr'w'",
    "'\\\\n'r '\\\\d'r 'x'rb '{a}'f 'x' 'y'rb 'z'rb 'w'rf NEWLINE EOF" },
  { "rx", "rx NEWLINE EOF" },
  { "0 7 1_000 0x1F 0o17 0b101 0X_ff 9223372036854775807 9223372036854775808",
    "0 7 1000 31 15 5 255 9223372036854775807 TOO_LARGE NEWLINE EOF" },
  { "1. .5 1e-3 1_000.5 2E+2 0.0 00.5", "1F 0.5F 0.001F 1000.5F 200F 0F 0.5F NEWLINE EOF" },
  { "1j 2.5J", "IMAG IMAG NEWLINE EOF" },
  { "a.b[0]", "a . b [ 0 ] NEWLINE EOF" },
  { "x if y else z", "x if y else z NEWLINE EOF" },
  { "not in is lambda None True False", "not in is lambda None True False NEWLINE EOF" },
  { "变量 = 1  # 注释", "变量 = 1 NEWLINE EOF" },
  { "\xEF\xBB\xBFx", "x NEWLINE EOF" },
  /* Errors, at the positions CPython 3.11 reports. */
  { "x = 'abc\ny = 2\n",
    "x = ERROR<1:5 unterminated string literal (detected at line 1)> NEWLINE y = 2 NEWLINE EOF" },
  { "x = '''abc\n\n", "x = ERROR<1:5 unterminated triple-quoted string literal (detected at line 3)> NEWLINE EOF" },
  { "x = )\n", "x = ERROR<1:5 unmatched ')'> NEWLINE EOF" },
  { "x = (]\n",
    "x = ( ERROR<1:6 closing parenthesis ']' does not match opening parenthesis '('> NEWLINE EOF" },
  { "x = (1,\ny = 2\n", "x = ( 1 , y = 2 ERROR<1:5 '(' was never closed> NEWLINE EOF" },
  { "x = $\n", "x = ERROR<1:5 invalid syntax> NEWLINE EOF" },
  { "x = \xEF\xBC\x8C\n", "x = ERROR<1:5 invalid character '\xEF\xBC\x8C' (U+FF0C)> NEWLINE EOF" },
  { "x = 0777\n",
    "x = ERROR<1:5 leading zeros in decimal integer literals are not permitted; "
    "use an 0o prefix for octal integers> NEWLINE EOF" },
  { "x = 1_\n", "x = ERROR<1:5 invalid decimal literal> NEWLINE EOF" },
  { "x = 1abc\n", "x = ERROR<1:5 invalid decimal literal> NEWLINE EOF" },
  { "x = 0x\n", "x = ERROR<1:7 invalid hexadecimal literal> NEWLINE EOF" },
  { "x = 0o8\n", "x = ERROR<1:7 invalid digit '8' in octal literal> NEWLINE EOF" },
  { "x = 1 \\\n", "x = 1 ERROR<1:8 unexpected EOF while parsing> NEWLINE EOF" },
  { "\\x\n", "ERROR<1:2 unexpected character after line continuation character> x NEWLINE EOF" },
  { "x = '\\x1'\n",
    "x = ERROR<1:5 (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: "
    "truncated \\xXX escape> NEWLINE EOF" },
};

static void
test_lex_case (gconstpointer data)
{
  const LexCase *c = data;
  g_autofree char *got = lex_to_string (c->source);

  g_assert_cmpstr (got, ==, c->tokens);
}

static void
test_lex_spans (void)
{
  const char *source = "if é:\n    x = 'ab'  # note\n";
  CsPool *pool = cs_pool_new ();
  CsTokens tokens = { 0 };
  const CsToken *tok;

  cs_lex (pool, source, strlen (source), &tokens);

  /* if é : NEWLINE INDENT x = 'ab' NEWLINE DEDENT EOF */
  g_assert_cmpuint (tokens.n_tokens, ==, 11);

  tok = &tokens.tokens[1];
  g_assert_cmpint (tok->kind, ==, CS_TOK_NAME);
  g_assert_cmpstr (tok->text, ==, "é");
  g_assert_cmpuint (tok->span.line, ==, 1);
  g_assert_cmpuint (tok->span.column, ==, 4);
  g_assert_cmpuint (tok->span.end_column, ==, 5);
  g_assert_cmpuint (tok->span.start, ==, 3);
  g_assert_cmpuint (tok->span.end, ==, 5);

  /* Columns count characters, not bytes: ':' follows the two-byte é. */
  tok = &tokens.tokens[2];
  g_assert_cmpint (tok->kind, ==, CS_TOK_COLON);
  g_assert_cmpuint (tok->span.column, ==, 5);
  g_assert_cmpuint (tok->span.start, ==, 5);

  tok = &tokens.tokens[7];
  g_assert_cmpint (tok->kind, ==, CS_TOK_STRING);
  g_assert_cmpuint (tok->span.line, ==, 2);
  g_assert_cmpuint (tok->span.column, ==, 9);
  g_assert_cmpuint (tok->span.end_column, ==, 13);
  g_assert_cmpstr (tok->text, ==, "ab");

  g_assert_cmpuint (tokens.n_comments, ==, 1);
  g_assert_cmpstr (tokens.comments[0].text, ==, "# note");
  g_assert_cmpuint (tokens.comments[0].line, ==, 2);
  g_assert_false (tokens.comments[0].alone);

  cs_tokens_clear (&tokens);
  cs_pool_free (pool);
}

static void
test_lex_comments (void)
{
  const char *source = "# first\nx = 1\n    # indented alone\ny = [1,  # inside\n  2]\n";
  CsPool *pool = cs_pool_new ();
  CsTokens tokens = { 0 };

  cs_lex (pool, source, strlen (source), &tokens);
  g_assert_cmpuint (tokens.n_comments, ==, 3);
  g_assert_true (tokens.comments[0].alone);
  g_assert_cmpuint (tokens.comments[0].line, ==, 1);
  g_assert_true (tokens.comments[1].alone);
  g_assert_cmpuint (tokens.comments[1].line, ==, 3);
  g_assert_false (tokens.comments[2].alone);
  g_assert_cmpuint (tokens.comments[2].line, ==, 4);
  cs_tokens_clear (&tokens);
  cs_pool_free (pool);
}

static void
test_lex_string_with_nul (void)
{
  const char *source = "'a\\x00b'";
  CsPool *pool = cs_pool_new ();
  CsTokens tokens = { 0 };

  cs_lex (pool, source, strlen (source), &tokens);
  g_assert_cmpint (tokens.tokens[0].kind, ==, CS_TOK_STRING);
  g_assert_cmpuint (tokens.tokens[0].len, ==, 3);
  g_assert_cmpmem (tokens.tokens[0].text, 3, "a\0b", 3);
  cs_tokens_clear (&tokens);
  cs_pool_free (pool);
}

static void
test_lex_deep_nesting (void)
{
  GString *source = g_string_new ("x = ");
  g_autofree char *got = NULL;
  guint i;

  for (i = 0; i < 250; i++)
    g_string_append_c (source, '(');
  got = lex_to_string (source->str);
  g_assert_nonnull (strstr (got, "ERROR<1:205 too many nested parentheses>"));
  g_string_free (source, TRUE);
}

static void
test_lex_deep_indentation (void)
{
  GString *source = g_string_new (NULL);
  g_autofree char *got = NULL;
  guint i;

  for (i = 0; i < 120; i++)
    {
      guint k;

      for (k = 0; k < i; k++)
        g_string_append_c (source, ' ');
      g_string_append (source, "if x:\n");
    }
  got = lex_to_string (source->str);
  g_assert_nonnull (strstr (got, "ERROR<101:101 too many levels of indentation>"));
  g_string_free (source, TRUE);
}

static void
test_lex_error_limit (void)
{
  g_autofree char *source = g_strnfill (5000, '$');
  CsPool *pool = cs_pool_new ();
  CsTokens tokens = { 0 };
  guint i, n_errors = 0;

  cs_lex (pool, source, strlen (source), &tokens);
  for (i = 0; i < tokens.n_tokens; i++)
    if (tokens.tokens[i].kind == CS_TOK_ERROR)
      n_errors++;
  g_assert_cmpuint (n_errors, ==, CS_LEX_MAX_ERRORS);
  g_assert_cmpint (tokens.tokens[tokens.n_tokens - 1].kind, ==, CS_TOK_EOF);
  cs_tokens_clear (&tokens);
  cs_pool_free (pool);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (i = 0; i < G_N_ELEMENTS (lex_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/lexer/case/%u", i);

      g_test_add_data_func (path, &lex_cases[i], test_lex_case);
    }
  g_test_add_func ("/core/lexer/spans", test_lex_spans);
  g_test_add_func ("/core/lexer/comments", test_lex_comments);
  g_test_add_func ("/core/lexer/string-with-nul", test_lex_string_with_nul);
  g_test_add_func ("/core/lexer/deep-nesting", test_lex_deep_nesting);
  g_test_add_func ("/core/lexer/deep-indentation", test_lex_deep_indentation);
  g_test_add_func ("/core/lexer/error-limit", test_lex_error_limit);

  return g_test_run ();
}
