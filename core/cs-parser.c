/* cs-parser.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recursive-descent parser for the Python subset, following the
 * precedence of CPython 3.11's grammar (Grammar/python.gram).  Errors are
 * raised with longjmp() back to the top-level statement being parsed: every
 * allocation lives in the program's pool, so nothing leaks, and the
 * statement becomes one CS_STMT_ERROR while parsing goes on with the next.
 */

#include "config.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "cs-lexer.h"
#include "cs-parser.h"

typedef struct
{
  gpointer *data;
  guint     len;
  guint     cap;
} Vec;

typedef enum
{
  CTX_ASSIGN_FIRST,  /* the first target of an assignment */
  CTX_ASSIGN,
  CTX_DEL,
  CTX_FOR,           /* for loops, comprehensions, "with ... as" */
  CTX_AUG,
} TargetCtx;

typedef struct
{
  CsPool          *pool;
  const char      *src;
  CsToken         *toks;     /* the file's tokens, or an f-string field's */
  guint            n_toks;
  guint            pos;
  CsToken         *main_toks;
  guint            main_n_toks;

  /* Where position_in_token() last stopped, so that the fields of a long
   * f-string are located in one pass. */
  const CsToken   *cursor_tok;
  gsize            cursor_offset;
  guint            cursor_line;
  guint            cursor_column;

  guint            depth;
  guint            loop_depth;
  guint            func_depth;

  jmp_buf          jmp;
  CsParseErrorKind err_kind;
  const char      *err_msg;
  guint            err_line;
  guint            err_column;

  Vec              top;
} Parser;

static void    parse_statement     (Parser *p,
                                    Vec    *out);
static CsExpr *parse_expression    (Parser *p);
static CsExpr *parse_disjunction   (Parser *p);
static CsExpr *parse_factor        (Parser *p);
static CsExpr *parse_star_expressions (Parser *p);
static void    check_missing_comma (Parser *p,
                                    guint   first);
static void    parse_comprehension (Parser           *p,
                                    CsComprehension **gens_out,
                                    guint            *n_gens_out);

/* ------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------ */

static void
vec_push (Parser  *p,
          Vec     *vec,
          gpointer item)
{
  if (vec->len == vec->cap)
    {
      guint cap = vec->cap ? vec->cap * 2 : 4;
      gpointer *data = cs_pool_alloc (p->pool, cap * sizeof (gpointer));

      if (vec->len > 0)
        memcpy (data, vec->data, vec->len * sizeof (gpointer));
      vec->data = data;
      vec->cap = cap;
    }
  vec->data[vec->len++] = item;
}

static inline CsToken *
peek (Parser *p)
{
  return &p->toks[p->pos];
}

static inline CsToken *
peek_n (Parser *p,
        guint   n)
{
  guint i = p->pos + n;

  return &p->toks[MIN (i, p->n_toks - 1)];
}

static inline CsTokenKind
kind (Parser *p)
{
  return p->toks[p->pos].kind;
}

static CsToken *
next (Parser *p)
{
  CsToken *tok = &p->toks[p->pos];

  if (tok->kind != CS_TOK_EOF)
    p->pos++;
  return tok;
}

static gboolean
accept (Parser     *p,
        CsTokenKind k)
{
  if (kind (p) != k)
    return FALSE;
  next (p);
  return TRUE;
}

static gboolean
is_layout (CsTokenKind k)
{
  return k == CS_TOK_NEWLINE || k == CS_TOK_INDENT || k == CS_TOK_DEDENT;
}

static CsSpan
span_of (Parser *p,
         guint   first,
         guint   last)
{
  const CsToken *a, *b;
  CsSpan span;

  /* A node ends at its last real token, never at layout tokens. */
  while (last > first && is_layout (p->toks[last].kind))
    last--;

  a = &p->toks[first];
  b = &p->toks[last];
  span.line = a->span.line;
  span.column = a->span.column;
  span.start = a->span.start;
  span.end_line = b->span.end_line;
  span.end_column = b->span.end_column;
  span.end = b->span.end;
  if (span.end < span.start)
    {
      span.end = span.start;
      span.end_line = span.line;
      span.end_column = span.column;
    }
  return span;
}

/* The span from token @first to the last token consumed. */
static CsSpan
span_from (Parser *p,
           guint   first)
{
  return span_of (p, first, p->pos > first ? p->pos - 1 : first);
}

static G_NORETURN void
raise_error (Parser *p)
{
  longjmp (p->jmp, 1);
}

static void G_GNUC_PRINTF (5, 6)
set_error (Parser          *p,
           CsParseErrorKind kind,
           guint            line,
           guint            column,
           const char      *format,
           ...)
{
  va_list args;
  char *msg;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  /* Errors inside an f-string field read "f-string: ...", as in CPython. */
  if (p->toks != p->main_toks && kind == CS_SYNTAX_ERROR && !g_str_has_prefix (msg, "f-string"))
    {
      char *prefixed = g_strconcat ("f-string: ", msg, NULL);

      g_free (msg);
      msg = prefixed;
    }

  p->err_kind = kind;
  p->err_msg = cs_pool_strndup (p->pool, msg, strlen (msg));
  p->err_line = line;
  p->err_column = column;
  g_free (msg);
}

static void
set_error_from_token (Parser        *p,
                      const CsToken *tok)
{
  g_assert (tok->kind == CS_TOK_ERROR);

  p->err_kind = tok->error.kind;
  p->err_msg = tok->text;
  p->err_line = tok->error.line;
  p->err_column = tok->error.column;
}

/* Raises the error CPython gives for an unexpected @tok: the tokenizer's
 * error when it is one, "unexpected indent", or "invalid syntax". */
static G_NORETURN void
fail_syntax_at (Parser        *p,
                const CsToken *tok)
{
  if (tok->kind == CS_TOK_ERROR)
    set_error_from_token (p, tok);
  else if (tok->kind == CS_TOK_INDENT)
    set_error (p, CS_INDENTATION_ERROR, tok->span.line, MAX (tok->span.column, 2) - 1,
               "unexpected indent");
  else
    set_error (p, CS_SYNTAX_ERROR, tok->span.line, tok->span.column, "invalid syntax");
  raise_error (p);
}

static G_NORETURN void
fail_syntax (Parser *p)
{
  fail_syntax_at (p, peek (p));
}

/* Raises @format at @tok, unless @tok is a tokenizer error, which wins. */
static G_NORETURN void G_GNUC_PRINTF (4, 5)
fail_at (Parser          *p,
         const CsToken   *tok,
         CsParseErrorKind kind,
         const char      *format,
         ...)
{
  va_list args;
  char *msg;

  if (tok->kind == CS_TOK_ERROR)
    fail_syntax_at (p, tok);

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  set_error (p, kind, tok->span.line, tok->span.column, "%s", msg);
  g_free (msg);
  raise_error (p);
}

static G_NORETURN void G_GNUC_PRINTF (4, 5)
fail_expr (Parser          *p,
           const CsExpr    *expr,
           CsParseErrorKind kind,
           const char      *format,
           ...)
{
  va_list args;
  char *msg;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  set_error (p, kind, expr->span.line, expr->span.column, "%s", msg);
  g_free (msg);
  raise_error (p);
}

/* Valid Python that Copyscope does not model. */
static G_NORETURN void
unsupported (Parser        *p,
             const CsToken *tok,
             const char    *what)
{
  fail_at (p, tok, CS_UNSUPPORTED, "%s are not supported by Copyscope", what);
}

static void
expect (Parser     *p,
        CsTokenKind k)
{
  if (!accept (p, k))
    fail_syntax (p);
}

static const char *
expect_name (Parser *p)
{
  CsToken *tok = peek (p);

  if (tok->kind != CS_TOK_NAME)
    fail_syntax (p);
  next (p);
  return tok->text;
}

static void
enter (Parser        *p,
       const CsToken *tok)
{
  if (++p->depth > CS_PARSER_MAX_DEPTH)
    {
      if (tok->kind == CS_TOK_LPAR || tok->kind == CS_TOK_LSQB || tok->kind == CS_TOK_LBRACE)
        fail_at (p, tok, CS_SYNTAX_ERROR, "too many nested parentheses");
      fail_at (p, tok, CS_UNSUPPORTED, "expression nested too deeply for Copyscope");
    }
}

static void
leave (Parser *p)
{
  g_assert (p->depth > 0);
  p->depth--;
}

static int
compare_name_tokens (gconstpointer a,
                     gconstpointer b)
{
  const CsToken *ta = *(const CsToken * const *) a;
  const CsToken *tb = *(const CsToken * const *) b;
  int c = strcmp (ta->text, tb->text);

  if (c != 0)
    return c;
  return ta < tb ? -1 : ta > tb;
}

/* The first NAME token (in source order) whose name an earlier one
 * already has, or NULL.  Sorting keeps this O(n log n) for huge lists. */
static const CsToken *
find_repeated_name (Parser *p,
                    Vec    *names)
{
  const CsToken **sorted, *found = NULL;
  guint i;

  if (names->len < 2)
    return NULL;
  sorted = cs_pool_memdup (p->pool, names->data, names->len * sizeof (gpointer));
  qsort (sorted, names->len, sizeof (gpointer), compare_name_tokens);
  for (i = 1; i < names->len; i++)
    if (strcmp (sorted[i - 1]->text, sorted[i]->text) == 0 &&
        (i < 2 || strcmp (sorted[i - 2]->text, sorted[i]->text) != 0) &&
        (found == NULL || sorted[i] < found))
      found = sorted[i];
  return found;
}

static CsExpr *
new_expr (Parser    *p,
          CsExprKind k,
          guint      first)
{
  CsExpr *e = cs_pool_alloc (p->pool, sizeof (CsExpr));

  e->kind = k;
  e->span = span_from (p, first);
  return e;
}

static CsStmt *
new_stmt (Parser    *p,
          CsStmtKind k,
          guint      first)
{
  CsStmt *s = cs_pool_alloc (p->pool, sizeof (CsStmt));

  s->kind = k;
  s->span = span_from (p, first);
  return s;
}

static gboolean
starts_expression (CsTokenKind k)
{
  switch (k)
    {
    case CS_TOK_NAME: case CS_TOK_INT: case CS_TOK_FLOAT: case CS_TOK_IMAG:
    case CS_TOK_STRING: case CS_TOK_LPAR: case CS_TOK_LSQB: case CS_TOK_LBRACE:
    case CS_TOK_MINUS: case CS_TOK_PLUS: case CS_TOK_TILDE: case CS_TOK_NOT:
    case CS_TOK_LAMBDA: case CS_TOK_TRUE: case CS_TOK_FALSE: case CS_TOK_NONE:
    case CS_TOK_ELLIPSIS: case CS_TOK_STAR: case CS_TOK_AWAIT: case CS_TOK_ERROR:
      return TRUE;
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------
 * Targets
 * ------------------------------------------------------------------------ */

/* CPython's _PyPegen_get_expr_name(). */
static const char *
expr_name (const CsExpr *e)
{
  switch (e->kind)
    {
    case CS_EXPR_NAME: return "name";
    case CS_EXPR_INT: case CS_EXPR_FLOAT: case CS_EXPR_STR: return "literal";
    case CS_EXPR_BOOL: return e->bool_value ? "True" : "False";
    case CS_EXPR_NONE: return "None";
    case CS_EXPR_ELLIPSIS: return "ellipsis";
    case CS_EXPR_LIST: return "list";
    case CS_EXPR_TUPLE: return "tuple";
    case CS_EXPR_DICT: return "dict literal";
    case CS_EXPR_LISTCOMP: return "list comprehension";
    case CS_EXPR_ATTR: return "attribute";
    case CS_EXPR_CALL: return "function call";
    case CS_EXPR_SUBSCRIPT: return "subscript";
    case CS_EXPR_SLICE: return "slice";
    case CS_EXPR_UNARY: case CS_EXPR_BINARY: case CS_EXPR_BOOLOP: return "expression";
    case CS_EXPR_COMPARE: return "comparison";
    case CS_EXPR_IFEXP: return "conditional expression";
    case CS_EXPR_FSTRING: case CS_EXPR_FORMATTED: return "f-string expression";
    case CS_EXPR_GENEXP: return "generator expression";
    case CS_EXPR_LAMBDA: return "lambda";
    case CS_EXPR_DICTCOMP: return "dict comprehension";
    default: return "expression";
    }
}

/* Whether @e could come from CPython's bitwise_or rule (no comparison,
 * "not", "and"/"or" or conditional expression at its top). */
static gboolean
is_bitor_level (const CsExpr *e)
{
  switch (e->kind)
    {
    case CS_EXPR_COMPARE:
    case CS_EXPR_BOOLOP:
    case CS_EXPR_IFEXP:
    case CS_EXPR_LAMBDA:
      return FALSE;
    case CS_EXPR_UNARY:
      return e->unary.op != CS_UNARY_NOT;
    default:
      return TRUE;
    }
}

static void
validate_target (Parser      *p,
                 CsExpr      *e,
                 TargetCtx    ctx,
                 gboolean     nested)
{
  const char *name = expr_name (e);
  guint i;

  switch (e->kind)
    {
    case CS_EXPR_NAME:
    case CS_EXPR_ATTR:
    case CS_EXPR_SUBSCRIPT:
      return;

    case CS_EXPR_TUPLE:
    case CS_EXPR_LIST:
      if (ctx != CTX_AUG)
        {
          for (i = 0; i < e->seq.n_items; i++)
            validate_target (p, e->seq.items[i], ctx, TRUE);
          return;
        }
      break;

    default:
      break;
    }

  switch (ctx)
    {
    case CTX_AUG:
      fail_expr (p, e, CS_SYNTAX_ERROR, "'%s' is an illegal expression for augmented assignment", name);
    case CTX_DEL:
      fail_expr (p, e, CS_SYNTAX_ERROR, "cannot delete %s", name);
    case CTX_ASSIGN_FIRST:
      /* CPython's invalid_named_expression: only a lone first target at
       * the bitwise-or level gets the "here. Maybe ..." hint. */
      if (!nested && is_bitor_level (e) && e->kind != CS_EXPR_NONE && e->kind != CS_EXPR_BOOL)
        fail_expr (p, e, CS_SYNTAX_ERROR,
                   "cannot assign to %s here. Maybe you meant '==' instead of '='?", name);
      G_GNUC_FALLTHROUGH;
    case CTX_ASSIGN:
    case CTX_FOR:
    default:
      fail_expr (p, e, CS_SYNTAX_ERROR, "cannot assign to %s", name);
    }
}

/* ------------------------------------------------------------------------
 * Expressions
 * ------------------------------------------------------------------------ */

static CsExpr *
make_seq (Parser    *p,
          CsExprKind k,
          Vec       *items,
          guint      first)
{
  CsExpr *e = new_expr (p, k, first);

  e->seq.items = (CsExpr **) items->data;
  e->seq.n_items = items->len;
  return e;
}

/* ------------------------------------------------------------------------
 * f-strings (CPython 3.11's Parser/string_parser.c)
 * ------------------------------------------------------------------------ */

static gsize parse_fstring_body (Parser        *p,
                                 const CsToken *tok,
                                 gsize          body,
                                 gsize          n,
                                 gboolean       raw,
                                 guint          level,
                                 Vec           *parts);

static G_NORETURN void
fail_fstring (Parser        *p,
              const CsToken *tok,
              const char    *message)
{
  fail_at (p, tok, CS_SYNTAX_ERROR, "%s", message);
}

/* The line and column of byte @offset inside token @tok. */
static void
position_in_token (Parser        *p,
                   const CsToken *tok,
                   gsize          offset,
                   guint         *line,
                   guint         *column)
{
  gsize i = tok->span.start;

  *line = tok->span.line;
  *column = tok->span.column;
  if (p->cursor_tok == tok && p->cursor_offset <= offset)
    {
      i = p->cursor_offset;
      *line = p->cursor_line;
      *column = p->cursor_column;
    }
  for (; i < offset; i++)
    {
      guchar c = p->src[i];

      if (c == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if ((c & 0xC0) != 0x80)
        (*column)++;
    }
  p->cursor_tok = tok;
  p->cursor_offset = offset;
  p->cursor_line = *line;
  p->cursor_column = *column;
}

static CsExpr *
new_str_part (Parser        *p,
              const CsToken *tok,
              const char    *data,
              gsize          len)
{
  CsExpr *e = cs_pool_alloc (p->pool, sizeof (CsExpr));

  e->kind = CS_EXPR_STR;
  e->span = tok->span;
  e->str.data = data;
  e->str.len = len;
  return e;
}

static void
flush_literal (Parser        *p,
               const CsToken *tok,
               const char    *lit,
               gsize          len,
               gboolean       raw,
               Vec           *parts)
{
  char *error = NULL;
  gboolean is_unsupported;
  gsize out_len = 0;
  char *value;

  if (len == 0)
    return;
  if (raw)
    {
      vec_push (p, parts, new_str_part (p, tok, cs_pool_strndup (p->pool, lit, len), len));
      return;
    }
  value = cs_lex_decode_escapes (p->pool, lit, len, &out_len, &error, &is_unsupported);
  if (value == NULL)
    {
      /* fail_at() does not return, so nothing here may need freeing. */
      char *msg = cs_pool_strndup (p->pool, error, strlen (error));

      g_free (error);
      fail_at (p, tok, is_unsupported ? CS_UNSUPPORTED : CS_SYNTAX_ERROR, "%s", msg);
    }
  if (out_len > 0)
    vec_push (p, parts, new_str_part (p, tok, value, out_len));
}

/* Parses source[start..end), the expression of a field, with its own
 * tokens; errors unwind like any other (the top level restores the
 * file's tokens). */
static CsExpr *
parse_fstring_expr (Parser        *p,
                    const CsToken *tok,
                    gsize          start,
                    gsize          end)
{
  CsToken *saved_toks = p->toks;
  guint saved_n = p->n_toks, saved_pos = p->pos;
  const CsToken *saved_cursor_tok;
  gsize saved_cursor_offset;
  guint saved_cursor_line, saved_cursor_column;
  CsTokens sub = { 0 };
  guint line, column;
  CsExpr *e;

  position_in_token (p, tok, start, &line, &column);
  saved_cursor_tok = p->cursor_tok;
  saved_cursor_offset = p->cursor_offset;
  saved_cursor_line = p->cursor_line;
  saved_cursor_column = p->cursor_column;
  cs_lex_fragment (p->pool, p->src, start, end, line, column, &sub);
  p->toks = cs_pool_memdup (p->pool, sub.tokens, sub.n_tokens * sizeof (CsToken));
  p->n_toks = sub.n_tokens;
  p->pos = 0;
  cs_tokens_clear (&sub);

  e = parse_star_expressions (p);
  if (kind (p) != CS_TOK_EOF)
    {
      /* CPython parses the field as "(expr)", hence the comma hint. */
      check_missing_comma (p, 0);
      fail_syntax (p);
    }

  p->toks = saved_toks;
  p->n_toks = saved_n;
  p->pos = saved_pos;
  /* Nested f-strings moved the cursor; put back the one of this token. */
  p->cursor_tok = saved_cursor_tok;
  p->cursor_offset = saved_cursor_offset;
  p->cursor_line = saved_cursor_line;
  p->cursor_column = saved_cursor_column;
  return e;
}

/* One "{expr[=][!conv][:spec]}" field; @i is just after the '{'.
 * Returns the index just after the closing '}'. */
static gsize
parse_fstring_field (Parser        *p,
                     const CsToken *tok,
                     gsize          body,
                     gsize          n,
                     gsize          i,
                     gboolean       raw,
                     guint          level,
                     Vec           *parts)
{
  const char *b = p->src + body;
  gsize start = i, k;
  guint depth = 0;
  char quote = 0;
  gboolean self_doc = FALSE, blank = TRUE;
  int conversion = 0;
  CsExpr *value, *spec = NULL, *field;

  if (level >= 2)
    fail_fstring (p, tok, "f-string: expressions nested too deeply");

  for (; i < n; i++)
    {
      char c = b[i];

      if (c == '\\')
        fail_fstring (p, tok, "f-string expression part cannot include a backslash");
      if (quote != 0)
        {
          if (c == quote)
            quote = 0;
          continue;
        }
      if (c == '\'' || c == '"')
        {
          quote = c;
          continue;
        }
      if (c == '#')
        fail_fstring (p, tok, "f-string expression part cannot include '#'");
      if (c == '(' || c == '[' || c == '{')
        {
          depth++;
          continue;
        }
      if (c == ')' || c == ']' || c == '}')
        {
          if (depth == 0)
            {
              if (c != '}')
                fail_fstring (p, tok, c == ')' ? "f-string: unmatched ')'" : "f-string: unmatched ']'");
              break;
            }
          depth--;
          continue;
        }
      if (depth > 0)
        continue;
      if ((c == '!' || c == '=' || c == '<' || c == '>') && i + 1 < n && b[i + 1] == '=')
        {
          i++;
          continue;
        }
      if (c == '!' || c == ':' || c == '=')
        break;
    }
  if (quote != 0)
    fail_fstring (p, tok, "f-string: unterminated string");
  if (i >= n)
    fail_fstring (p, tok, "f-string: expecting '}'");

  for (k = start; k < i; k++)
    if (b[k] != ' ' && b[k] != '\t' && b[k] != '\n' && b[k] != '\f')
      blank = FALSE;
  if (blank)
    fail_fstring (p, tok, "f-string: empty expression not allowed");

  field = cs_pool_alloc (p->pool, sizeof (CsExpr));
  field->kind = CS_EXPR_FORMATTED;
  field->span.start = body + start - 1;
  position_in_token (p, tok, field->span.start, &field->span.line, &field->span.column);

  value = parse_fstring_expr (p, tok, body + start, body + i);

  if (b[i] == '=')
    {
      /* "{x = }" shows its own text, whitespace included. */
      i++;
      while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n'))
        i++;
      vec_push (p, parts, new_str_part (p, tok, cs_pool_strndup (p->pool, b + start, i - start),
                                        i - start));
      self_doc = TRUE;
    }
  if (i < n && b[i] == '!')
    {
      i++;
      if (i >= n || (b[i] != 's' && b[i] != 'r' && b[i] != 'a'))
        fail_fstring (p, tok, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      conversion = b[i];
      i++;
    }
  if (i < n && b[i] == ':')
    {
      Vec spec_parts = { 0 };

      i++;
      i += parse_fstring_body (p, tok, body + i, n - i, raw, level + 1, &spec_parts);
      spec = cs_pool_alloc (p->pool, sizeof (CsExpr));
      spec->kind = CS_EXPR_FSTRING;
      spec->span = tok->span;
      spec->fstring.values = (CsExpr **) spec_parts.data;
      spec->fstring.n_values = spec_parts.len;
    }
  if (i >= n || b[i] != '}')
    fail_fstring (p, tok, "f-string: expecting '}'");
  i++;

  if (self_doc && conversion == 0 && spec == NULL)
    conversion = 'r';

  position_in_token (p, tok, body + i, &field->span.end_line, &field->span.end_column);
  field->span.end = body + i;
  field->formatted.value = value;
  field->formatted.conversion = conversion;
  field->formatted.format_spec = spec;
  vec_push (p, parts, field);
  return i;
}

/* Makes room for @more bytes.  A format spec is short but its body runs
 * to the end of the string, so buffers grow instead of taking its size. */
static char *
grow_literal (Parser *p,
              char   *lit,
              gsize   len,
              gsize  *cap,
              gsize   more)
{
  char *bigger;

  if (len + more <= *cap)
    return lit;
  *cap = MAX (*cap * 2, len + more + 16);
  bigger = cs_pool_alloc (p->pool, *cap);
  if (len > 0)
    memcpy (bigger, lit, len);
  return bigger;
}

/* The literal text and fields of an f-string body (level 0) or of a
 * format spec (level 1+, which ends at its closing '}').  Returns the
 * number of bytes used. */
static gsize
parse_fstring_body (Parser        *p,
                    const CsToken *tok,
                    gsize          body,
                    gsize          n,
                    gboolean       raw,
                    guint          level,
                    Vec           *parts)
{
  const char *b = p->src + body;
  char *lit = NULL;
  gsize lit_len = 0, lit_cap = 0, i = 0;

  while (i < n)
    {
      char c = b[i];

      if (c == '{' || c == '}')
        {
          /* Doubled braces are literal only at the top level, so that
           * f'{0:{3}}' ends with two closing braces. */
          if (level == 0 && i + 1 < n && b[i + 1] == c)
            {
              lit = grow_literal (p, lit, lit_len, &lit_cap, 1);
              lit[lit_len++] = c;
              i += 2;
              continue;
            }
          if (c == '}')
            {
              if (level == 0)
                fail_fstring (p, tok, "f-string: single '}' is not allowed");
              break;
            }
          flush_literal (p, tok, lit, lit_len, raw, parts);
          lit_len = 0;
          i = parse_fstring_field (p, tok, body, n, i + 1, raw, level, parts);
          continue;
        }
      if (c == '\\' && !raw && i + 1 < n && b[i + 1] != '{' && b[i + 1] != '}')
        {
          lit = grow_literal (p, lit, lit_len, &lit_cap, 2);
          lit[lit_len++] = b[i++];
          lit[lit_len++] = b[i++];
          continue;
        }
      lit = grow_literal (p, lit, lit_len, &lit_cap, 1);
      lit[lit_len++] = b[i++];
    }
  flush_literal (p, tok, lit, lit_len, raw, parts);
  return i;
}

/* Adjacent literals, some of them f-strings: one FSTRING whose STR parts
 * are merged and whose empty parts are dropped, as CPython does. */
static CsExpr *
parse_fstring (Parser *p,
               guint   first,
               guint   last)
{
  Vec parts = { 0 }, merged = { 0 };
  CsExpr *e;
  guint i;

  enter (p, &p->toks[first]);
  for (i = first; i <= last; i++)
    {
      const CsToken *tok = &p->toks[i];

      if (tok->flags & CS_STR_FORMAT)
        {
          gsize prefix = 0, quote, span_len = tok->span.end - tok->span.start;

          while (p->src[tok->span.start + prefix] != '\'' && p->src[tok->span.start + prefix] != '"')
            prefix++;
          quote = (span_len - prefix - tok->len) / 2;
          g_assert (quote == 1 || quote == 3);
          parse_fstring_body (p, tok, tok->span.start + prefix + quote, tok->len,
                              (tok->flags & CS_STR_RAW) != 0, 0, &parts);
        }
      else if (tok->len > 0)
        vec_push (p, &parts, new_str_part (p, tok, tok->text, tok->len));
    }
  leave (p);

  for (i = 0; i < parts.len; i++)
    {
      CsExpr *part = parts.data[i];
      CsExpr *prev = merged.len > 0 ? merged.data[merged.len - 1] : NULL;

      if (part->kind == CS_EXPR_STR && prev != NULL && prev->kind == CS_EXPR_STR)
        {
          char *data = cs_pool_alloc (p->pool, prev->str.len + part->str.len + 1);

          memcpy (data, prev->str.data, prev->str.len);
          memcpy (data + prev->str.len, part->str.data, part->str.len);
          prev->str.data = data;
          prev->str.len += part->str.len;
          prev->span.end = part->span.end;
          prev->span.end_line = part->span.end_line;
          prev->span.end_column = part->span.end_column;
          continue;
        }
      vec_push (p, &merged, part);
    }

  e = new_expr (p, CS_EXPR_FSTRING, first);
  e->fstring.values = (CsExpr **) merged.data;
  e->fstring.n_values = merged.len;
  return e;
}

static CsExpr *
parse_strings (Parser *p)
{
  guint first = p->pos, last, i;
  gsize total = 0, o = 0;
  gboolean bytes = FALSE, text = FALSE;
  CsToken *bytes_tok = NULL;
  CsExpr *e;
  char *data;

  while (kind (p) == CS_TOK_STRING)
    {
      CsToken *tok = next (p);

      if (tok->flags & CS_STR_BYTES)
        {
          bytes = TRUE;
          if (bytes_tok == NULL)
            bytes_tok = tok;
        }
      else
        text = TRUE;
      total += tok->len;
    }
  last = p->pos - 1;

  if (bytes && text)
    fail_at (p, &p->toks[first], CS_SYNTAX_ERROR, "cannot mix bytes and nonbytes literals");
  if (bytes)
    unsupported (p, bytes_tok, "bytes literals");
  for (i = first; i <= last; i++)
    if (p->toks[i].flags & CS_STR_FORMAT)
      return parse_fstring (p, first, last);

  data = cs_pool_alloc (p->pool, total + 1);
  for (i = first; i <= last; i++)
    {
      if (p->toks[i].len > 0)
        memcpy (data + o, p->toks[i].text, p->toks[i].len);
      o += p->toks[i].len;
    }
  data[o] = '\0';

  e = new_expr (p, CS_EXPR_STR, first);
  e->str.data = data;
  e->str.len = o;
  return e;
}

/* After a named_expression: ":=" is outside the subset, and "=" gets
 * CPython's invalid_named_expression hints ("[x = 1]", "if x = 1:"). */
static void
check_named_expression_end (Parser *p,
                            CsExpr *e)
{
  if (kind (p) == CS_TOK_COLONEQUAL)
    unsupported (p, peek (p), "assignment expressions (:=)");
  if (kind (p) != CS_TOK_EQUAL)
    return;
  if (e->kind == CS_EXPR_NAME)
    fail_expr (p, e, CS_SYNTAX_ERROR, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
  if (is_bitor_level (e) && e->kind != CS_EXPR_NONE && e->kind != CS_EXPR_BOOL &&
      e->kind != CS_EXPR_LIST && e->kind != CS_EXPR_TUPLE)
    fail_expr (p, e, CS_SYNTAX_ERROR,
               "cannot assign to %s here. Maybe you meant '==' instead of '='?", expr_name (e));
}

/* CPython's invalid_expression: inside brackets, two expressions in a row
 * ("[1 2]", "print(a b)") suggest a missing comma. */
static void
check_missing_comma (Parser *p,
                     guint   first)
{
  CsTokenKind k = kind (p);

  if (!starts_expression (k) || k == CS_TOK_STAR || k == CS_TOK_ERROR)
    return;
  if (p->toks[first].kind == CS_TOK_NAME && p->toks[first + 1].kind == CS_TOK_STRING)
    return;
  fail_at (p, &p->toks[first], CS_SYNTAX_ERROR, "invalid syntax. Perhaps you forgot a comma?");
}

static CsExpr *
parse_star_named_expression (Parser *p)
{
  guint first = p->pos;
  CsExpr *e;

  if (kind (p) == CS_TOK_STAR)
    unsupported (p, peek (p), "starred expressions");
  e = parse_expression (p);
  check_named_expression_end (p, e);
  check_missing_comma (p, first);
  return e;
}

static CsExpr *
parse_named_expression (Parser *p)
{
  CsExpr *e = parse_expression (p);

  check_named_expression_end (p, e);
  return e;
}

/* star_targets as used by for loops and comprehensions: "x", "x, y". */
static CsExpr *
parse_target_item (Parser *p);

static CsExpr *
parse_target_list (Parser *p)
{
  guint first = p->pos;
  CsExpr *e = parse_target_item (p);
  Vec items = { 0 };

  if (kind (p) != CS_TOK_COMMA)
    return e;

  vec_push (p, &items, e);
  while (accept (p, CS_TOK_COMMA))
    {
      if (!starts_expression (kind (p)))
        break;
      vec_push (p, &items, parse_target_item (p));
    }
  return make_seq (p, CS_EXPR_TUPLE, &items, first);
}

static void
parse_comprehension (Parser          *p,
                     CsComprehension **gens_out,
                     guint            *n_gens_out)
{
  Vec gens = { 0 };
  guint i;

  while (kind (p) == CS_TOK_FOR || kind (p) == CS_TOK_ASYNC)
    {
      CsComprehension *gen = cs_pool_alloc (p->pool, sizeof (CsComprehension));
      Vec ifs = { 0 };

      if (kind (p) == CS_TOK_ASYNC)
        unsupported (p, peek (p), "asynchronous comprehensions");
      next (p);

      gen->target = parse_target_list (p);
      validate_target (p, gen->target, CTX_FOR, FALSE);
      expect (p, CS_TOK_IN);
      gen->iter = parse_disjunction (p);
      while (accept (p, CS_TOK_IF))
        vec_push (p, &ifs, parse_disjunction (p));
      gen->ifs = (CsExpr **) ifs.data;
      gen->n_ifs = ifs.len;
      vec_push (p, &gens, gen);
    }

  *gens_out = cs_pool_alloc (p->pool, MAX (gens.len, 1) * sizeof (CsComprehension));
  for (i = 0; i < gens.len; i++)
    (*gens_out)[i] = *(CsComprehension *) gens.data[i];
  *n_gens_out = gens.len;
}

static CsExpr *
parse_paren (Parser *p)
{
  guint first = p->pos;
  CsToken *open = next (p);
  Vec items = { 0 };
  CsExpr *e;

  enter (p, open);

  if (accept (p, CS_TOK_RPAR))
    {
      leave (p);
      return make_seq (p, CS_EXPR_TUPLE, &items, first);
    }
  if (kind (p) == CS_TOK_YIELD)
    unsupported (p, peek (p), "'yield' expressions");

  e = parse_star_named_expression (p);
  if (kind (p) == CS_TOK_FOR || kind (p) == CS_TOK_ASYNC)
    {
      CsExpr *genexp = new_expr (p, CS_EXPR_GENEXP, first);

      genexp->comp.elt = e;
      parse_comprehension (p, &genexp->comp.gens, &genexp->comp.n_gens);
      expect (p, CS_TOK_RPAR);
      leave (p);
      genexp->span = span_from (p, first);
      return genexp;
    }
  if (accept (p, CS_TOK_RPAR))
    {
      leave (p);
      return e;
    }
  if (kind (p) != CS_TOK_COMMA)
    fail_syntax (p);

  vec_push (p, &items, e);
  while (accept (p, CS_TOK_COMMA))
    {
      if (kind (p) == CS_TOK_RPAR)
        break;
      vec_push (p, &items, parse_star_named_expression (p));
    }
  expect (p, CS_TOK_RPAR);
  leave (p);
  return make_seq (p, CS_EXPR_TUPLE, &items, first);
}

static CsExpr *
parse_list (Parser *p)
{
  guint first = p->pos;
  CsToken *open = next (p);
  Vec items = { 0 };
  CsExpr *e;

  enter (p, open);

  if (accept (p, CS_TOK_RSQB))
    {
      leave (p);
      return make_seq (p, CS_EXPR_LIST, &items, first);
    }

  e = parse_star_named_expression (p);
  if (kind (p) == CS_TOK_FOR || kind (p) == CS_TOK_ASYNC)
    {
      CsComprehension *gens;
      guint n_gens;
      CsExpr *comp;

      parse_comprehension (p, &gens, &n_gens);
      expect (p, CS_TOK_RSQB);
      leave (p);
      comp = new_expr (p, CS_EXPR_LISTCOMP, first);
      comp->comp.elt = e;
      comp->comp.gens = gens;
      comp->comp.n_gens = n_gens;
      return comp;
    }

  vec_push (p, &items, e);
  while (accept (p, CS_TOK_COMMA))
    {
      if (kind (p) == CS_TOK_RSQB)
        break;
      vec_push (p, &items, parse_star_named_expression (p));
    }
  expect (p, CS_TOK_RSQB);
  leave (p);
  return make_seq (p, CS_EXPR_LIST, &items, first);
}

static CsExpr *
parse_dict (Parser *p)
{
  guint first = p->pos;
  CsToken *open = next (p);
  Vec keys = { 0 }, values = { 0 };
  CsExpr *e;

  enter (p, open);

  if (!accept (p, CS_TOK_RBRACE))
    {
      CsExpr *key;
      guint vfirst;

      if (kind (p) == CS_TOK_DOUBLESTAR)
        unsupported (p, peek (p), "dict unpacking (**)");
      if (kind (p) == CS_TOK_STAR)
        unsupported (p, peek (p), "starred expressions");

      key = parse_named_expression (p);
      if (kind (p) != CS_TOK_COLON)
        check_missing_comma (p, first + 1);
      if (!accept (p, CS_TOK_COLON))
        {
          if (kind (p) == CS_TOK_FOR || kind (p) == CS_TOK_ASYNC)
            unsupported (p, open, "set comprehensions");
          if (kind (p) == CS_TOK_COMMA || kind (p) == CS_TOK_RBRACE)
            unsupported (p, open, "set literals");
          fail_syntax (p);
        }
      vec_push (p, &keys, key);
      vfirst = p->pos;
      vec_push (p, &values, parse_expression (p));
      check_missing_comma (p, vfirst);
      if (kind (p) == CS_TOK_FOR || kind (p) == CS_TOK_ASYNC)
        {
          CsExpr *comp;

          if (keys.len != 1)
            fail_syntax (p);
          comp = cs_pool_alloc (p->pool, sizeof (CsExpr));
          comp->kind = CS_EXPR_DICTCOMP;
          comp->comp.elt = keys.data[0];
          comp->comp.value = values.data[0];
          parse_comprehension (p, &comp->comp.gens, &comp->comp.n_gens);
          expect (p, CS_TOK_RBRACE);
          leave (p);
          comp->span = span_from (p, first);
          return comp;
        }

      while (accept (p, CS_TOK_COMMA))
        {
          if (kind (p) == CS_TOK_RBRACE)
            break;
          if (kind (p) == CS_TOK_DOUBLESTAR)
            unsupported (p, peek (p), "dict unpacking (**)");
          vec_push (p, &keys, parse_expression (p));
          if (!accept (p, CS_TOK_COLON))
            fail_at (p, peek (p), CS_SYNTAX_ERROR, "':' expected after dictionary key");
          vfirst = p->pos;
          vec_push (p, &values, parse_expression (p));
          check_missing_comma (p, vfirst);
        }
      expect (p, CS_TOK_RBRACE);
    }

  leave (p);
  e = new_expr (p, CS_EXPR_DICT, first);
  e->dict.keys = (CsExpr **) keys.data;
  e->dict.values = (CsExpr **) values.data;
  e->dict.n_items = keys.len;
  return e;
}

static CsExpr *
parse_atom (Parser *p)
{
  guint first = p->pos;
  CsToken *tok = peek (p);
  CsExpr *e;

  switch (tok->kind)
    {
    case CS_TOK_NAME:
      next (p);
      e = new_expr (p, CS_EXPR_NAME, first);
      e->name.id = tok->text;
      return e;

    case CS_TOK_TRUE:
    case CS_TOK_FALSE:
      next (p);
      e = new_expr (p, CS_EXPR_BOOL, first);
      e->bool_value = tok->kind == CS_TOK_TRUE;
      return e;

    case CS_TOK_NONE:
      next (p);
      return new_expr (p, CS_EXPR_NONE, first);

    case CS_TOK_ELLIPSIS:
      next (p);
      return new_expr (p, CS_EXPR_ELLIPSIS, first);

    case CS_TOK_INT:
      if (tok->flags & CS_INT_TOO_LARGE)
        fail_at (p, tok, CS_UNSUPPORTED, "integer literal too large (Copyscope integers are 64-bit)");
      next (p);
      e = new_expr (p, CS_EXPR_INT, first);
      e->int_value = tok->int_value;
      return e;

    case CS_TOK_FLOAT:
      next (p);
      e = new_expr (p, CS_EXPR_FLOAT, first);
      e->float_value = tok->float_value;
      return e;

    case CS_TOK_IMAG:
      unsupported (p, tok, "complex numbers");

    case CS_TOK_STRING:
      return parse_strings (p);

    case CS_TOK_LPAR:
      return parse_paren (p);

    case CS_TOK_LSQB:
      return parse_list (p);

    case CS_TOK_LBRACE:
      return parse_dict (p);

    case CS_TOK_LAMBDA:
      fail_syntax_at (p, tok);

    case CS_TOK_YIELD:
      unsupported (p, tok, "'yield' expressions");

    case CS_TOK_AWAIT:
      unsupported (p, tok, "'await' expressions");

    default:
      fail_syntax_at (p, tok);
    }
}

static CsExpr *
parse_call (Parser *p,
            CsExpr *func,
            guint   first)
{
  CsToken *open = next (p);
  Vec args = { 0 }, kw_names = { 0 }, kw_values = { 0 }, kw_tokens = { 0 };
  gboolean seen_kw = FALSE;
  const CsToken *repeated;
  CsExpr *e;

  enter (p, open);

  while (kind (p) != CS_TOK_RPAR)
    {
      CsToken *tok = peek (p);

      if (tok->kind == CS_TOK_STAR || tok->kind == CS_TOK_DOUBLESTAR)
        unsupported (p, tok, "star arguments (*args, **kwargs) in calls");

      if (tok->kind == CS_TOK_NAME && peek_n (p, 1)->kind == CS_TOK_EQUAL)
        {
          next (p);
          next (p);
          vec_push (p, &kw_tokens, tok);
          vec_push (p, &kw_names, (gpointer) tok->text);
          vec_push (p, &kw_values, parse_expression (p));
          seen_kw = TRUE;
        }
      else
        {
          guint afirst = p->pos;
          CsExpr *arg = parse_expression (p);

          if (kind (p) == CS_TOK_EQUAL)
            fail_at (p, &p->toks[afirst], CS_SYNTAX_ERROR,
                     "expression cannot contain assignment, perhaps you meant \"==\"?");
          check_named_expression_end (p, arg);
          check_missing_comma (p, afirst);
          if (kind (p) == CS_TOK_FOR || kind (p) == CS_TOK_ASYNC)
            {
              CsExpr *genexp;

              /* sum(x * x for x in a): a generator expression may go
               * without its own parentheses only as the sole argument. */
              if (args.len > 0 || kw_names.len > 0)
                fail_at (p, &p->toks[afirst], CS_SYNTAX_ERROR,
                         "Generator expression must be parenthesized");
              genexp = cs_pool_alloc (p->pool, sizeof (CsExpr));
              genexp->kind = CS_EXPR_GENEXP;
              genexp->comp.elt = arg;
              parse_comprehension (p, &genexp->comp.gens, &genexp->comp.n_gens);
              genexp->span = span_from (p, afirst);
              if (kind (p) != CS_TOK_RPAR)
                fail_at (p, &p->toks[afirst], CS_SYNTAX_ERROR,
                         "Generator expression must be parenthesized");
              vec_push (p, &args, genexp);
              break;
            }
          if (seen_kw)
            fail_at (p, &p->toks[afirst], CS_SYNTAX_ERROR,
                     "positional argument follows keyword argument");
          vec_push (p, &args, arg);
        }

      if (!accept (p, CS_TOK_COMMA))
        break;
    }
  expect (p, CS_TOK_RPAR);
  leave (p);

  /* Like CPython, which checks this after parsing the call. */
  repeated = find_repeated_name (p, &kw_tokens);
  if (repeated != NULL)
    fail_at (p, repeated, CS_SYNTAX_ERROR, "keyword argument repeated: %s", repeated->text);

  e = new_expr (p, CS_EXPR_CALL, first);
  e->call.func = func;
  e->call.args = (CsExpr **) args.data;
  e->call.n_args = args.len;
  e->call.kw_names = (const char **) kw_names.data;
  e->call.kw_values = (CsExpr **) kw_values.data;
  e->call.n_kw = kw_names.len;
  return e;
}

static CsExpr *
parse_slice_item (Parser *p)
{
  guint first = p->pos;
  CsExpr *lower = NULL, *upper = NULL, *step = NULL, *e;

  if (kind (p) == CS_TOK_STAR)
    unsupported (p, peek (p), "starred expressions");

  if (kind (p) != CS_TOK_COLON)
    {
      lower = parse_named_expression (p);
      if (kind (p) != CS_TOK_COLON)
        {
          check_missing_comma (p, first);
          return lower;
        }
    }

  next (p);
  if (kind (p) != CS_TOK_COLON && kind (p) != CS_TOK_RSQB && kind (p) != CS_TOK_COMMA)
    upper = parse_expression (p);
  if (accept (p, CS_TOK_COLON))
    {
      if (kind (p) != CS_TOK_RSQB && kind (p) != CS_TOK_COMMA)
        step = parse_expression (p);
    }

  e = new_expr (p, CS_EXPR_SLICE, first);
  e->slice.lower = lower;
  e->slice.upper = upper;
  e->slice.step = step;
  return e;
}

static CsExpr *
parse_subscript (Parser *p,
                 CsExpr *value,
                 guint   first)
{
  CsToken *open = next (p);
  guint ifirst = p->pos;
  CsExpr *index, *e;

  enter (p, open);

  index = parse_slice_item (p);
  if (kind (p) == CS_TOK_COMMA)
    {
      Vec items = { 0 };

      vec_push (p, &items, index);
      while (accept (p, CS_TOK_COMMA))
        {
          if (kind (p) == CS_TOK_RSQB)
            break;
          vec_push (p, &items, parse_slice_item (p));
        }
      index = make_seq (p, CS_EXPR_TUPLE, &items, ifirst);
    }
  expect (p, CS_TOK_RSQB);
  leave (p);

  e = new_expr (p, CS_EXPR_SUBSCRIPT, first);
  e->subscript.value = value;
  e->subscript.index = index;
  return e;
}

static CsExpr *
parse_primary (Parser *p)
{
  guint first = p->pos;
  CsExpr *e;

  if (kind (p) == CS_TOK_AWAIT)
    unsupported (p, peek (p), "'await' expressions");

  e = parse_atom (p);
  for (;;)
    {
      switch (kind (p))
        {
        case CS_TOK_DOT:
          {
            CsExpr *attr;
            const char *name;

            next (p);
            name = expect_name (p);
            attr = new_expr (p, CS_EXPR_ATTR, first);
            attr->attr.value = e;
            attr->attr.attr = name;
            e = attr;
          }
          break;

        case CS_TOK_LPAR:
          e = parse_call (p, e, first);
          break;

        case CS_TOK_LSQB:
          e = parse_subscript (p, e, first);
          break;

        default:
          return e;
        }
    }
}

static CsExpr *
parse_power (Parser *p)
{
  guint first = p->pos;
  CsExpr *base = parse_primary (p);
  CsToken *op;
  CsExpr *e;

  if (kind (p) != CS_TOK_DOUBLESTAR)
    return base;

  /* "**" binds tighter than a unary minus on its left but not on its right:
   * -2**2 is -(2**2) and 2**-1 is 2**(-1). */
  op = next (p);
  enter (p, op);
  e = parse_factor (p);
  leave (p);

  {
    CsExpr *bin = new_expr (p, CS_EXPR_BINARY, first);

    bin->binary.op = CS_BIN_POW;
    bin->binary.left = base;
    bin->binary.right = e;
    return bin;
  }
}

static CsExpr *
parse_factor (Parser *p)
{
  guint first = p->pos;
  CsToken *tok = peek (p);
  CsUnaryOp op;
  CsExpr *operand, *e;

  switch (tok->kind)
    {
    case CS_TOK_PLUS: op = CS_UNARY_POS; break;
    case CS_TOK_MINUS: op = CS_UNARY_NEG; break;
    case CS_TOK_TILDE: op = CS_UNARY_INVERT; break;
    default: return parse_power (p);
    }

  next (p);
  enter (p, tok);
  operand = parse_factor (p);
  leave (p);

  e = new_expr (p, CS_EXPR_UNARY, first);
  e->unary.op = op;
  e->unary.operand = operand;
  return e;
}

/* The left-associative binary levels, loosest first. */
enum
{
  LEVEL_BITOR,
  LEVEL_BITXOR,
  LEVEL_BITAND,
  LEVEL_SHIFT,
  LEVEL_SUM,
  LEVEL_TERM,
  N_LEVELS
};

static gboolean
binary_op_at_level (CsTokenKind k,
                    guint       level,
                    CsBinOp    *op)
{
  switch (level)
    {
    case LEVEL_BITOR:
      if (k == CS_TOK_VBAR) { *op = CS_BIN_OR; return TRUE; }
      return FALSE;
    case LEVEL_BITXOR:
      if (k == CS_TOK_CIRCUMFLEX) { *op = CS_BIN_XOR; return TRUE; }
      return FALSE;
    case LEVEL_BITAND:
      if (k == CS_TOK_AMPER) { *op = CS_BIN_AND; return TRUE; }
      return FALSE;
    case LEVEL_SHIFT:
      if (k == CS_TOK_LEFTSHIFT) { *op = CS_BIN_LSHIFT; return TRUE; }
      if (k == CS_TOK_RIGHTSHIFT) { *op = CS_BIN_RSHIFT; return TRUE; }
      return FALSE;
    case LEVEL_SUM:
      if (k == CS_TOK_PLUS) { *op = CS_BIN_ADD; return TRUE; }
      if (k == CS_TOK_MINUS) { *op = CS_BIN_SUB; return TRUE; }
      return FALSE;
    case LEVEL_TERM:
      if (k == CS_TOK_STAR) { *op = CS_BIN_MUL; return TRUE; }
      if (k == CS_TOK_SLASH) { *op = CS_BIN_DIV; return TRUE; }
      if (k == CS_TOK_DOUBLESLASH) { *op = CS_BIN_FLOORDIV; return TRUE; }
      if (k == CS_TOK_PERCENT) { *op = CS_BIN_MOD; return TRUE; }
      if (k == CS_TOK_AT) { *op = CS_BIN_MATMUL; return TRUE; }
      return FALSE;
    default:
      return FALSE;
    }
}

static CsExpr *
parse_binary (Parser *p,
              guint   level)
{
  guint first = p->pos;
  CsExpr *left;
  CsBinOp op;

  if (level >= N_LEVELS)
    return parse_factor (p);

  left = parse_binary (p, level + 1);
  while (binary_op_at_level (kind (p), level, &op))
    {
      CsExpr *right, *e;

      next (p);
      right = parse_binary (p, level + 1);
      e = new_expr (p, CS_EXPR_BINARY, first);
      e->binary.op = op;
      e->binary.left = left;
      e->binary.right = right;
      left = e;
    }
  return left;
}

static CsExpr *
parse_bitor (Parser *p)
{
  return parse_binary (p, LEVEL_BITOR);
}

static CsExpr *
parse_target_item (Parser *p)
{
  if (kind (p) == CS_TOK_STAR)
    unsupported (p, peek (p), "starred assignment targets");
  return parse_bitor (p);
}

static CsExpr *
parse_comparison (Parser *p)
{
  guint first = p->pos;
  CsExpr *left = parse_bitor (p);
  Vec ops = { 0 }, comparators = { 0 };
  CsCmpOp *op_array;
  CsExpr *e;
  guint i;

  for (;;)
    {
      CsCmpOp op;

      switch (kind (p))
        {
        case CS_TOK_EQEQUAL: op = CS_CMP_EQ; break;
        case CS_TOK_NOTEQUAL: op = CS_CMP_NE; break;
        case CS_TOK_LESS: op = CS_CMP_LT; break;
        case CS_TOK_LESSEQUAL: op = CS_CMP_LE; break;
        case CS_TOK_GREATER: op = CS_CMP_GT; break;
        case CS_TOK_GREATEREQUAL: op = CS_CMP_GE; break;
        case CS_TOK_IN: op = CS_CMP_IN; break;
        case CS_TOK_IS:
          op = peek_n (p, 1)->kind == CS_TOK_NOT ? CS_CMP_IS_NOT : CS_CMP_IS;
          break;
        case CS_TOK_NOT:
          if (peek_n (p, 1)->kind != CS_TOK_IN)
            goto done;
          op = CS_CMP_NOT_IN;
          break;
        default:
          goto done;
        }

      next (p);
      if (op == CS_CMP_IS_NOT || op == CS_CMP_NOT_IN)
        next (p);
      vec_push (p, &ops, GUINT_TO_POINTER ((guint) op));
      vec_push (p, &comparators, parse_bitor (p));
    }

done:
  if (ops.len == 0)
    return left;

  op_array = cs_pool_alloc (p->pool, ops.len * sizeof (CsCmpOp));
  for (i = 0; i < ops.len; i++)
    op_array[i] = (CsCmpOp) GPOINTER_TO_UINT (ops.data[i]);

  e = new_expr (p, CS_EXPR_COMPARE, first);
  e->compare.left = left;
  e->compare.ops = op_array;
  e->compare.comparators = (CsExpr **) comparators.data;
  e->compare.n_ops = ops.len;
  return e;
}

static CsExpr *
parse_inversion (Parser *p)
{
  guint first = p->pos;
  CsToken *tok = peek (p);
  CsExpr *operand, *e;

  if (tok->kind != CS_TOK_NOT)
    return parse_comparison (p);

  next (p);
  enter (p, tok);
  operand = parse_inversion (p);
  leave (p);

  e = new_expr (p, CS_EXPR_UNARY, first);
  e->unary.op = CS_UNARY_NOT;
  e->unary.operand = operand;
  return e;
}

static CsExpr *
parse_boolop (Parser     *p,
              CsBoolOp    op,
              CsTokenKind tok_kind)
{
  guint first = p->pos;
  CsExpr *left = op == CS_BOOL_OR ? parse_boolop (p, CS_BOOL_AND, CS_TOK_AND)
                                  : parse_inversion (p);
  Vec values = { 0 };
  CsExpr *e;

  if (kind (p) != tok_kind)
    return left;

  vec_push (p, &values, left);
  while (accept (p, tok_kind))
    vec_push (p, &values, op == CS_BOOL_OR ? parse_boolop (p, CS_BOOL_AND, CS_TOK_AND)
                                           : parse_inversion (p));

  e = new_expr (p, CS_EXPR_BOOLOP, first);
  e->boolop.op = op;
  e->boolop.values = (CsExpr **) values.data;
  e->boolop.n_values = values.len;
  return e;
}

/* The parameters of a def (up to ')') or a lambda (up to ':'): names and
 * defaults, no annotations, no '*', '**' or '/'. */
static void
parse_params (Parser     *p,
              CsTokenKind end,
              gboolean    annotations_unsupported,
              Vec        *params,
              Vec        *defaults,
              Vec        *param_tokens)
{
  while (kind (p) != end)
    {
      CsToken *tok = peek (p);
      const char *param;

      if (tok->kind == CS_TOK_STAR || tok->kind == CS_TOK_DOUBLESTAR || tok->kind == CS_TOK_SLASH)
        unsupported (p, tok, "'*', '**' and '/' in parameter lists");
      param = expect_name (p);
      vec_push (p, param_tokens, tok);
      if (annotations_unsupported && kind (p) == CS_TOK_COLON)
        unsupported (p, peek (p), "parameter annotations");
      if (accept (p, CS_TOK_EQUAL))
        vec_push (p, defaults, parse_expression (p));
      else if (defaults->len > 0)
        fail_at (p, tok, CS_SYNTAX_ERROR, "non-default argument follows default argument");
      vec_push (p, params, (gpointer) param);
      if (!accept (p, CS_TOK_COMMA))
        break;
    }
}

/* A def's parameters must differ (CPython's symbol table finds this after
 * the whole definition). */
static void
check_repeated_params (Parser *p,
                       Vec    *param_tokens)
{
  const CsToken *repeated = find_repeated_name (p, param_tokens);

  if (repeated != NULL)
    fail_at (p, repeated, CS_SYNTAX_ERROR, "duplicate argument '%s' in function definition",
             repeated->text);
}

/* lambda PARAMS: BODY becomes a function definition named "<lambda>"
 * whose body returns BODY, so calls, closures, defaults and error
 * messages are those of def. */
static CsExpr *
parse_lambda (Parser *p)
{
  guint first = p->pos;
  CsToken *kw = next (p);
  Vec params = { 0 }, defaults = { 0 }, param_tokens = { 0 };
  guint saved_loop_depth;
  CsStmt *def, *ret;
  CsExpr *e, *body;

  enter (p, kw);
  parse_params (p, CS_TOK_COLON, FALSE, &params, &defaults, &param_tokens);
  expect (p, CS_TOK_COLON);

  saved_loop_depth = p->loop_depth;
  p->loop_depth = 0;
  p->func_depth++;
  body = parse_expression (p);
  p->func_depth--;
  p->loop_depth = saved_loop_depth;
  leave (p);
  check_repeated_params (p, &param_tokens);

  ret = new_stmt (p, CS_STMT_RETURN, first);
  ret->return_.value = body;
  def = new_stmt (p, CS_STMT_DEF, first);
  def->def.name = "<lambda>";
  def->def.params = (const char **) params.data;
  def->def.n_params = params.len;
  def->def.defaults = (CsExpr **) defaults.data;
  def->def.n_defaults = defaults.len;
  def->def.body.stmts = cs_pool_alloc (p->pool, sizeof (CsStmt *));
  def->def.body.stmts[0] = ret;
  def->def.body.n_stmts = 1;
  e = new_expr (p, CS_EXPR_LAMBDA, first);
  e->lambda.def = def;
  return e;
}

static CsExpr *
parse_disjunction (Parser *p)
{
  return parse_boolop (p, CS_BOOL_OR, CS_TOK_OR);
}

static CsExpr *
parse_expression (Parser *p)
{
  guint first = p->pos;
  CsExpr *body, *test, *orelse, *e;
  CsToken *if_tok;

  if (kind (p) == CS_TOK_LAMBDA)
    return parse_lambda (p);

  body = parse_disjunction (p);
  if (kind (p) != CS_TOK_IF)
    return body;

  if_tok = next (p);
  test = parse_disjunction (p);
  if (kind (p) != CS_TOK_ELSE)
    fail_at (p, &p->toks[first], CS_SYNTAX_ERROR, "expected 'else' after 'if' expression");
  next (p);
  enter (p, if_tok);
  orelse = parse_expression (p);
  leave (p);

  e = new_expr (p, CS_EXPR_IFEXP, first);
  e->ifexp.test = test;
  e->ifexp.body = body;
  e->ifexp.orelse = orelse;
  return e;
}

static CsExpr *
parse_star_expression (Parser *p)
{
  if (kind (p) == CS_TOK_STAR)
    unsupported (p, peek (p), "starred expressions");
  return parse_expression (p);
}

/* A tuple may go without parentheses: "x = 1, 2", "return a, b". */
static CsExpr *
parse_star_expressions (Parser *p)
{
  guint first = p->pos;
  CsExpr *e = parse_star_expression (p);
  Vec items = { 0 };

  if (kind (p) != CS_TOK_COMMA)
    return e;

  vec_push (p, &items, e);
  while (accept (p, CS_TOK_COMMA))
    {
      if (!starts_expression (kind (p)))
        break;
      vec_push (p, &items, parse_star_expression (p));
    }
  return make_seq (p, CS_EXPR_TUPLE, &items, first);
}

/* ------------------------------------------------------------------------
 * Simple statements
 * ------------------------------------------------------------------------ */

static gboolean
augassign_op (CsTokenKind k,
              CsBinOp    *op)
{
  switch (k)
    {
    case CS_TOK_PLUSEQUAL: *op = CS_BIN_ADD; return TRUE;
    case CS_TOK_MINEQUAL: *op = CS_BIN_SUB; return TRUE;
    case CS_TOK_STAREQUAL: *op = CS_BIN_MUL; return TRUE;
    case CS_TOK_SLASHEQUAL: *op = CS_BIN_DIV; return TRUE;
    case CS_TOK_DOUBLESLASHEQUAL: *op = CS_BIN_FLOORDIV; return TRUE;
    case CS_TOK_PERCENTEQUAL: *op = CS_BIN_MOD; return TRUE;
    case CS_TOK_DOUBLESTAREQUAL: *op = CS_BIN_POW; return TRUE;
    case CS_TOK_ATEQUAL: *op = CS_BIN_MATMUL; return TRUE;
    case CS_TOK_AMPEREQUAL: *op = CS_BIN_AND; return TRUE;
    case CS_TOK_VBAREQUAL: *op = CS_BIN_OR; return TRUE;
    case CS_TOK_CIRCUMFLEXEQUAL: *op = CS_BIN_XOR; return TRUE;
    case CS_TOK_LEFTSHIFTEQUAL: *op = CS_BIN_LSHIFT; return TRUE;
    case CS_TOK_RIGHTSHIFTEQUAL: *op = CS_BIN_RSHIFT; return TRUE;
    default: return FALSE;
    }
}

static CsStmt *
parse_expr_statement (Parser *p)
{
  guint first = p->pos;
  CsExpr *e = parse_star_expressions (p);
  CsBinOp op;
  CsStmt *s;

  if (kind (p) == CS_TOK_EQUAL)
    {
      Vec targets = { 0 };
      CsExpr *value = e;
      guint i;

      while (accept (p, CS_TOK_EQUAL))
        {
          vec_push (p, &targets, value);
          if (kind (p) == CS_TOK_YIELD)
            unsupported (p, peek (p), "'yield' expressions");
          value = parse_star_expressions (p);
        }
      for (i = 0; i < targets.len; i++)
        validate_target (p, targets.data[i],
                         i == 0 && targets.len == 1 ? CTX_ASSIGN_FIRST : CTX_ASSIGN, FALSE);

      s = new_stmt (p, CS_STMT_ASSIGN, first);
      s->assign.targets = (CsExpr **) targets.data;
      s->assign.n_targets = targets.len;
      s->assign.value = value;
      return s;
    }

  if (augassign_op (kind (p), &op))
    {
      CsExpr *value;

      validate_target (p, e, CTX_AUG, FALSE);
      next (p);
      if (kind (p) == CS_TOK_YIELD)
        unsupported (p, peek (p), "'yield' expressions");
      value = parse_star_expressions (p);
      s = new_stmt (p, CS_STMT_AUGASSIGN, first);
      s->augassign.target = e;
      s->augassign.op = op;
      s->augassign.value = value;
      return s;
    }

  if (kind (p) == CS_TOK_COLON)
    {
      if (e->kind == CS_EXPR_NAME || e->kind == CS_EXPR_ATTR || e->kind == CS_EXPR_SUBSCRIPT)
        unsupported (p, &p->toks[first], "annotated assignments");
      fail_expr (p, e, CS_SYNTAX_ERROR, "illegal target for annotation");
    }

  if (e->kind == CS_EXPR_NAME && strcmp (e->name.id, "print") == 0 &&
      (kind (p) == CS_TOK_STRING || kind (p) == CS_TOK_NAME ||
       kind (p) == CS_TOK_INT || kind (p) == CS_TOK_FLOAT))
    fail_at (p, &p->toks[first], CS_SYNTAX_ERROR,
             "Missing parentheses in call to 'print'. Did you mean print(...)?");

  s = new_stmt (p, CS_STMT_EXPR, first);
  s->expr.value = e;
  return s;
}

static const char *
parse_dotted_name (Parser *p)
{
  const char *name = expect_name (p);

  while (kind (p) == CS_TOK_DOT)
    {
      const char *part;
      char *joined;

      next (p);
      part = expect_name (p);
      joined = cs_pool_alloc (p->pool, strlen (name) + strlen (part) + 2);
      strcpy (joined, name);
      strcat (joined, ".");
      strcat (joined, part);
      name = joined;
    }
  return name;
}

static void
finish_aliases (Parser         *p,
                Vec            *aliases,
                CsImportAlias **out,
                guint          *n_out)
{
  guint i;

  *out = cs_pool_alloc (p->pool, MAX (aliases->len, 1) * sizeof (CsImportAlias));
  for (i = 0; i < aliases->len; i++)
    (*out)[i] = *(CsImportAlias *) aliases->data[i];
  *n_out = aliases->len;
}

static CsStmt *
parse_import (Parser *p)
{
  guint first = p->pos;
  Vec aliases = { 0 };
  CsStmt *s;

  next (p);
  do
    {
      CsImportAlias *alias = cs_pool_alloc (p->pool, sizeof (CsImportAlias));
      guint afirst = p->pos;

      alias->name = parse_dotted_name (p);
      if (accept (p, CS_TOK_AS))
        alias->asname = expect_name (p);
      alias->span = span_from (p, afirst);
      vec_push (p, &aliases, alias);
    }
  while (accept (p, CS_TOK_COMMA));

  s = new_stmt (p, CS_STMT_IMPORT, first);
  finish_aliases (p, &aliases, &s->import.names, &s->import.n_names);
  return s;
}

static CsStmt *
parse_import_from (Parser *p)
{
  guint first = p->pos;
  Vec aliases = { 0 };
  const char *module;
  gboolean paren;
  CsStmt *s;

  next (p);
  if (kind (p) == CS_TOK_DOT || kind (p) == CS_TOK_ELLIPSIS)
    unsupported (p, peek (p), "relative imports");
  module = parse_dotted_name (p);
  expect (p, CS_TOK_IMPORT);
  if (kind (p) == CS_TOK_STAR)
    fail_at (p, peek (p), CS_UNSUPPORTED, "'from ... import *' is not supported by Copyscope");

  paren = accept (p, CS_TOK_LPAR);
  for (;;)
    {
      CsImportAlias *alias = cs_pool_alloc (p->pool, sizeof (CsImportAlias));
      guint afirst = p->pos;

      alias->name = expect_name (p);
      if (accept (p, CS_TOK_AS))
        alias->asname = expect_name (p);
      alias->span = span_from (p, afirst);
      vec_push (p, &aliases, alias);

      if (!accept (p, CS_TOK_COMMA))
        break;
      if (paren && kind (p) == CS_TOK_RPAR)
        break;
      if (!paren && (kind (p) == CS_TOK_NEWLINE || kind (p) == CS_TOK_SEMI))
        fail_at (p, &p->toks[p->pos - 1], CS_SYNTAX_ERROR,
                 "trailing comma not allowed without surrounding parentheses");
    }
  if (paren)
    expect (p, CS_TOK_RPAR);

  s = new_stmt (p, CS_STMT_IMPORT_FROM, first);
  s->import_from.module = module;
  finish_aliases (p, &aliases, &s->import_from.names, &s->import_from.n_names);
  return s;
}

static CsStmt *
parse_small_statement (Parser *p)
{
  guint first = p->pos;
  CsToken *tok = peek (p);
  CsStmt *s;

  switch (tok->kind)
    {
    case CS_TOK_PASS:
      next (p);
      return new_stmt (p, CS_STMT_PASS, first);

    case CS_TOK_BREAK:
      if (p->loop_depth == 0)
        fail_at (p, tok, CS_SYNTAX_ERROR, "'break' outside loop");
      next (p);
      return new_stmt (p, CS_STMT_BREAK, first);

    case CS_TOK_CONTINUE:
      if (p->loop_depth == 0)
        fail_at (p, tok, CS_SYNTAX_ERROR, "'continue' not properly in loop");
      next (p);
      return new_stmt (p, CS_STMT_CONTINUE, first);

    case CS_TOK_RETURN:
      {
        CsExpr *value = NULL;

        if (p->func_depth == 0)
          fail_at (p, tok, CS_SYNTAX_ERROR, "'return' outside function");
        next (p);
        if (starts_expression (kind (p)))
          value = parse_star_expressions (p);
        s = new_stmt (p, CS_STMT_RETURN, first);
        s->return_.value = value;
        return s;
      }

    case CS_TOK_GLOBAL:
      {
        Vec names = { 0 };

        next (p);
        do
          vec_push (p, &names, (gpointer) expect_name (p));
        while (accept (p, CS_TOK_COMMA));
        s = new_stmt (p, CS_STMT_GLOBAL, first);
        s->global.names = (const char **) names.data;
        s->global.n_names = names.len;
        return s;
      }

    case CS_TOK_DEL:
      {
        Vec targets = { 0 };

        next (p);
        do
          {
            CsExpr *target;

            if (!starts_expression (kind (p)) && targets.len > 0)
              break;
            target = parse_bitor (p);
            validate_target (p, target, CTX_DEL, FALSE);
            vec_push (p, &targets, target);
          }
        while (accept (p, CS_TOK_COMMA));
        s = new_stmt (p, CS_STMT_DEL, first);
        s->del.targets = (CsExpr **) targets.data;
        s->del.n_targets = targets.len;
        return s;
      }

    case CS_TOK_IMPORT:
      return parse_import (p);

    case CS_TOK_FROM:
      return parse_import_from (p);

    case CS_TOK_NONLOCAL:
      unsupported (p, tok, "'nonlocal' statements");
    case CS_TOK_RAISE:
      {
        CsExpr *exc = NULL, *cause = NULL;

        next (p);
        if (starts_expression (kind (p)))
          {
            exc = parse_expression (p);
            if (accept (p, CS_TOK_FROM))
              cause = parse_expression (p);
          }
        s = new_stmt (p, CS_STMT_RAISE, first);
        s->raise.exc = exc;
        s->raise.cause = cause;
        return s;
      }
    case CS_TOK_ASSERT:
      {
        CsExpr *test, *msg = NULL;

        next (p);
        test = parse_expression (p);
        if (accept (p, CS_TOK_COMMA))
          msg = parse_expression (p);
        s = new_stmt (p, CS_STMT_ASSERT, first);
        s->assert_.test = test;
        s->assert_.msg = msg;
        return s;
      }
    case CS_TOK_YIELD:
      unsupported (p, tok, "'yield' expressions");

    default:
      return parse_expr_statement (p);
    }
}

/* simple_stmts: "a = 1; b = 2" are two statements with the same line. */
static void
parse_simple_statements (Parser *p,
                         Vec    *out)
{
  for (;;)
    {
      vec_push (p, out, parse_small_statement (p));
      if (!accept (p, CS_TOK_SEMI))
        break;
      if (kind (p) == CS_TOK_NEWLINE)
        break;
    }
  if (kind (p) != CS_TOK_NEWLINE)
    fail_syntax (p);
  next (p);
}

/* ------------------------------------------------------------------------
 * Compound statements
 * ------------------------------------------------------------------------ */

static void
parse_block (Parser     *p,
             CsBlock    *block,
             const char *what,
             guint       header_line)
{
  Vec stmts = { 0 };

  if (kind (p) != CS_TOK_COLON)
    fail_at (p, peek (p), CS_SYNTAX_ERROR, "expected ':'");
  next (p);

  if (kind (p) != CS_TOK_NEWLINE)
    parse_simple_statements (p, &stmts);
  else
    {
      CsToken *tok;

      next (p);
      tok = peek (p);
      if (tok->kind != CS_TOK_INDENT)
        {
          if (tok->kind == CS_TOK_ERROR)
            fail_syntax_at (p, tok);
          set_error (p, CS_INDENTATION_ERROR, tok->span.line, tok->span.column,
                     "expected an indented block after %s on line %u", what, header_line);
          raise_error (p);
        }
      next (p);
      enter (p, tok);
      while (kind (p) != CS_TOK_DEDENT && kind (p) != CS_TOK_EOF)
        parse_statement (p, &stmts);
      accept (p, CS_TOK_DEDENT);
      leave (p);
    }

  block->stmts = (CsStmt **) stmts.data;
  block->n_stmts = stmts.len;
}

static CsBlock
single_block (Parser *p,
              CsStmt *s)
{
  CsBlock block;

  block.stmts = cs_pool_alloc (p->pool, sizeof (CsStmt *));
  block.stmts[0] = s;
  block.n_stmts = 1;
  return block;
}

/* if/elif/else.  An elif chain is built iteratively (each elif is an IF in
 * the orelse of the one before) so long chains need no deep recursion. */
static CsStmt *
parse_if (Parser *p)
{
  Vec chain = { 0 };
  CsStmt *head = NULL, *prev = NULL;
  guint head_first = p->pos;
  CsSpan end;
  guint i;

  for (;;)
    {
      guint first = p->pos;
      CsToken *kw = next (p);
      CsStmt *s = new_stmt (p, CS_STMT_IF, first);

      s->if_.test = parse_named_expression (p);
      parse_block (p, &s->if_.body,
                   kw->kind == CS_TOK_IF ? "'if' statement" : "'elif' statement",
                   kw->span.line);
      if (prev != NULL)
        prev->if_.orelse = single_block (p, s);
      else
        head = s;
      vec_push (p, &chain, s);
      prev = s;

      if (kind (p) == CS_TOK_ELIF)
        continue;
      if (kind (p) == CS_TOK_ELSE)
        {
          CsToken *else_tok = next (p);

          parse_block (p, &s->if_.orelse, "'else' statement", else_tok->span.line);
        }
      break;
    }

  end = span_from (p, head_first);
  for (i = 0; i < chain.len; i++)
    {
      CsStmt *s = chain.data[i];

      s->span.end_line = end.end_line;
      s->span.end_column = end.end_column;
      s->span.end = end.end;
    }
  return head;
}

static void
parse_else (Parser  *p,
            CsBlock *orelse)
{
  if (kind (p) == CS_TOK_ELSE)
    {
      CsToken *else_tok = next (p);

      parse_block (p, orelse, "'else' statement", else_tok->span.line);
    }
}

/* try/except/else/finally, with CPython's messages for misplaced
 * clauses. */
static CsStmt *
parse_try (Parser *p)
{
  guint first = p->pos;
  CsToken *kw = next (p);
  Vec handlers = { 0 };
  CsBlock body, orelse = { 0 }, finalbody = { 0 };
  CsToken *bare = NULL;
  CsStmt *s;
  guint i;

  parse_block (p, &body, "'try' statement", kw->span.line);
  while (kind (p) == CS_TOK_EXCEPT)
    {
      CsToken *ex = next (p);
      CsExceptHandler *h = cs_pool_alloc (p->pool, sizeof (CsExceptHandler));

      if (bare != NULL)
        fail_at (p, bare, CS_SYNTAX_ERROR, "default 'except:' must be last");
      h->span = ex->span;
      if (kind (p) == CS_TOK_STAR)
        unsupported (p, peek (p), "'except*' clauses");
      if (kind (p) != CS_TOK_COLON)
        {
          guint tfirst = p->pos;

          h->type = parse_expression (p);
          if (kind (p) == CS_TOK_COMMA)
            fail_at (p, &p->toks[tfirst], CS_SYNTAX_ERROR, "multiple exception types must be parenthesized");
          if (accept (p, CS_TOK_AS))
            h->name = expect_name (p);
        }
      else
        bare = ex;
      parse_block (p, &h->body, "'except' statement", ex->span.line);
      vec_push (p, &handlers, h);
    }
  if (kind (p) == CS_TOK_ELSE)
    {
      CsToken *else_tok;

      if (handlers.len == 0)
        fail_at (p, peek (p), CS_SYNTAX_ERROR, "expected 'except' or 'finally' block");
      else_tok = next (p);
      parse_block (p, &orelse, "'else' statement", else_tok->span.line);
    }
  if (kind (p) == CS_TOK_FINALLY)
    {
      CsToken *fin = next (p);

      parse_block (p, &finalbody, "'finally' statement", fin->span.line);
    }
  else if (handlers.len == 0)
    fail_at (p, peek (p), CS_SYNTAX_ERROR, "expected 'except' or 'finally' block");

  s = new_stmt (p, CS_STMT_TRY, first);
  s->try_.body = body;
  s->try_.handlers = cs_pool_alloc (p->pool, MAX (handlers.len, 1) * sizeof (CsExceptHandler));
  for (i = 0; i < handlers.len; i++)
    s->try_.handlers[i] = *(CsExceptHandler *) handlers.data[i];
  s->try_.n_handlers = handlers.len;
  s->try_.orelse = orelse;
  s->try_.finalbody = finalbody;
  return s;
}

static CsStmt *
parse_while (Parser *p)
{
  guint first = p->pos;
  CsToken *kw = next (p);
  CsExpr *test = parse_named_expression (p);
  CsBlock body, orelse = { 0 };
  CsStmt *s;

  p->loop_depth++;
  parse_block (p, &body, "'while' statement", kw->span.line);
  p->loop_depth--;
  parse_else (p, &orelse);

  s = new_stmt (p, CS_STMT_WHILE, first);
  s->while_.test = test;
  s->while_.body = body;
  s->while_.orelse = orelse;
  return s;
}

static CsStmt *
parse_for (Parser *p)
{
  guint first = p->pos;
  CsToken *kw = next (p);
  CsExpr *target, *iter;
  CsBlock body, orelse = { 0 };
  CsStmt *s;

  target = parse_target_list (p);
  validate_target (p, target, CTX_FOR, FALSE);
  expect (p, CS_TOK_IN);
  iter = parse_star_expressions (p);

  p->loop_depth++;
  parse_block (p, &body, "'for' statement", kw->span.line);
  p->loop_depth--;
  parse_else (p, &orelse);

  s = new_stmt (p, CS_STMT_FOR, first);
  s->for_.target = target;
  s->for_.iter = iter;
  s->for_.body = body;
  s->for_.orelse = orelse;
  return s;
}

static CsStmt *
parse_with (Parser *p)
{
  guint first = p->pos;
  CsToken *kw = next (p);
  Vec items = { 0 };
  CsBlock body;
  CsStmt *s;
  guint i;

  do
    {
      CsWithItem *item = cs_pool_alloc (p->pool, sizeof (CsWithItem));

      item->context = parse_expression (p);
      if (accept (p, CS_TOK_AS))
        {
          item->target = parse_target_item (p);
          validate_target (p, item->target, CTX_FOR, FALSE);
        }
      vec_push (p, &items, item);
    }
  while (accept (p, CS_TOK_COMMA));

  parse_block (p, &body, "'with' statement", kw->span.line);

  s = new_stmt (p, CS_STMT_WITH, first);
  s->with.items = cs_pool_alloc (p->pool, items.len * sizeof (CsWithItem));
  for (i = 0; i < items.len; i++)
    s->with.items[i] = *(CsWithItem *) items.data[i];
  s->with.n_items = items.len;
  s->with.body = body;
  return s;
}

static CsStmt *
parse_def (Parser *p)
{
  guint first = p->pos;
  CsToken *kw = next (p);
  Vec params = { 0 }, defaults = { 0 }, param_tokens = { 0 };
  const char *name;
  guint saved_loop_depth;
  CsBlock body;
  CsStmt *s;

  name = expect_name (p);
  if (kind (p) != CS_TOK_LPAR)
    fail_at (p, peek (p), CS_SYNTAX_ERROR, "expected '('");
  next (p);

  parse_params (p, CS_TOK_RPAR, TRUE, &params, &defaults, &param_tokens);
  expect (p, CS_TOK_RPAR);
  if (kind (p) == CS_TOK_RARROW)
    unsupported (p, peek (p), "return annotations");

  saved_loop_depth = p->loop_depth;
  p->loop_depth = 0;
  p->func_depth++;
  parse_block (p, &body, "function definition", kw->span.line);
  p->func_depth--;
  p->loop_depth = saved_loop_depth;

  check_repeated_params (p, &param_tokens);

  s = new_stmt (p, CS_STMT_DEF, first);
  s->def.name = name;
  s->def.params = (const char **) params.data;
  s->def.n_params = params.len;
  s->def.defaults = (CsExpr **) defaults.data;
  s->def.n_defaults = defaults.len;
  s->def.body = body;
  return s;
}

/* A "match" soft keyword starts a match statement when its logical line
 * ends with ':' and an indented block follows. */
static gboolean
looks_like_match (Parser *p)
{
  CsToken *tok = peek (p);
  guint i;

  if (tok->kind != CS_TOK_NAME || strcmp (tok->text, "match") != 0)
    return FALSE;
  for (i = p->pos + 1; i + 1 < p->n_toks; i++)
    {
      CsTokenKind k = p->toks[i].kind;

      if (k == CS_TOK_NEWLINE)
        return p->toks[i - 1].kind == CS_TOK_COLON && p->toks[i + 1].kind == CS_TOK_INDENT;
      if (k == CS_TOK_EOF || k == CS_TOK_INDENT || k == CS_TOK_DEDENT)
        return FALSE;
    }
  return FALSE;
}

static void
parse_statement (Parser *p,
                 Vec    *out)
{
  CsToken *tok = peek (p);

  switch (tok->kind)
    {
    case CS_TOK_IF:
      vec_push (p, out, parse_if (p));
      return;
    case CS_TOK_WHILE:
      vec_push (p, out, parse_while (p));
      return;
    case CS_TOK_FOR:
      vec_push (p, out, parse_for (p));
      return;
    case CS_TOK_WITH:
      vec_push (p, out, parse_with (p));
      return;
    case CS_TOK_DEF:
      vec_push (p, out, parse_def (p));
      return;
    case CS_TOK_CLASS:
      unsupported (p, tok, "'class' statements");
    case CS_TOK_TRY:
      vec_push (p, out, parse_try (p));
      return;
    case CS_TOK_AT:
      unsupported (p, tok, "decorators");
    case CS_TOK_ASYNC:
      unsupported (p, tok, "'async' statements");
    case CS_TOK_INDENT:
    case CS_TOK_ERROR:
      fail_syntax_at (p, tok);
    default:
      if (looks_like_match (p))
        unsupported (p, tok, "'match' statements");
      parse_simple_statements (p, out);
      return;
    }
}

/* ------------------------------------------------------------------------
 * Top level: error recovery, captions, title
 * ------------------------------------------------------------------------ */

static gboolean
try_parse_toplevel (Parser *p)
{
  if (setjmp (p->jmp) != 0)
    return FALSE;

  p->depth = 0;
  p->loop_depth = 0;
  p->func_depth = 0;
  parse_statement (p, &p->top);
  return TRUE;
}

static gboolean
continues_statement (CsTokenKind next_kind,
                     CsTokenKind line_kind)
{
  return next_kind == CS_TOK_ELIF || next_kind == CS_TOK_ELSE ||
         next_kind == CS_TOK_EXCEPT || next_kind == CS_TOK_FINALLY ||
         line_kind == CS_TOK_AT;
}

/* Skips the rest of the top-level statement that began at token @first
 * (its logical line, or its whole block and its elif/else/except clauses)
 * and appends one CS_STMT_ERROR for it. */
static void
recover (Parser *p,
         guint   first)
{
  guint i = first, last = first, depth = 0;
  CsTokenKind line_kind = p->toks[first].kind;
  CsStmt *s;

  while (p->toks[i].kind != CS_TOK_EOF)
    {
      CsToken *tok = &p->toks[i++];

      switch (tok->kind)
        {
        case CS_TOK_INDENT:
          depth++;
          break;

        case CS_TOK_DEDENT:
          if (depth > 0)
            depth--;
          if (depth == 0)
            {
              if (!continues_statement (p->toks[i].kind, line_kind))
                goto done;
              line_kind = p->toks[i].kind;
            }
          break;

        case CS_TOK_NEWLINE:
          if (depth == 0 && p->toks[i].kind != CS_TOK_INDENT)
            {
              if (!continues_statement (p->toks[i].kind, line_kind))
                goto done;
              line_kind = p->toks[i].kind;
            }
          break;

        case CS_TOK_ERROR:
          /* "'(' was never closed" is what CPython reports, whatever
           * else went wrong in the statement first. */
          if (tok->flags & CS_ERR_PREEMPT)
            set_error_from_token (p, tok);
          else
            last = i - 1;
          break;

        default:
          last = i - 1;
          break;
        }
    }

done:
  p->pos = i;

  s = cs_pool_alloc (p->pool, sizeof (CsStmt));
  s->kind = CS_STMT_ERROR;
  s->span = span_of (p, first, MAX (last, first));
  s->error.kind = p->err_kind;
  s->error.message = p->err_msg != NULL ? p->err_msg : "invalid syntax";
  s->error.line = p->err_line;
  s->error.column = p->err_column;
  vec_push (p, &p->top, s);
}

static const CsComment *
comment_alone_on_line (const CsTokens *tokens,
                       guint           line)
{
  guint lo = 0, hi = tokens->n_comments;

  /* Comments are in source order, at most one per line. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (tokens->comments[mid].line < line)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < tokens->n_comments && tokens->comments[lo].line == line && tokens->comments[lo].alone)
    return &tokens->comments[lo];
  return NULL;
}

/* The text of a comment without "#" and one following space. */
static void
comment_body (const CsComment *comment,
              const char     **text,
              gsize           *len)
{
  const char *s = comment->text + 1;
  gsize n = comment->len > 0 ? comment->len - 1 : 0;

  if (n > 0 && *s == ' ')
    {
      s++;
      n--;
    }
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\f'))
    n--;
  *text = s;
  *len = n;
}

static gboolean
is_title_comment (const CsComment *comment,
                  const char     **title,
                  gsize           *title_len)
{
  const char *s;
  gsize n;

  comment_body (comment, &s, &n);
  while (n > 0 && (*s == ' ' || *s == '\t'))
    {
      s++;
      n--;
    }
  if (n < 6 || g_ascii_strncasecmp (s, "title:", 6) != 0)
    return FALSE;
  s += 6;
  n -= 6;
  while (n > 0 && (*s == ' ' || *s == '\t'))
    {
      s++;
      n--;
    }
  if (title != NULL)
    {
      *title = s;
      *title_len = n;
    }
  return TRUE;
}

/* Shebang and PEP 263 coding lines are not teaching text. */
static gboolean
is_special_comment (const CsComment *comment)
{
  if (comment->line == 1 && comment->len >= 2 && comment->text[1] == '!')
    return TRUE;
  if (comment->line <= 2)
    {
      g_autofree char *text = g_strndup (comment->text, comment->len);

      if (strstr (text, "coding:") != NULL || strstr (text, "coding=") != NULL)
        return TRUE;
    }
  return FALSE;
}

static const char *
caption_for_line (CsPool         *pool,
                  const CsTokens *tokens,
                  guint           line)
{
  const CsComment *block[64];
  guint n = 0, k, i;
  GString *caption;
  const char *result;

  for (k = line; k > 1; k--)
    {
      const CsComment *comment = comment_alone_on_line (tokens, k - 1);

      if (comment == NULL)
        break;
      if (n == G_N_ELEMENTS (block))
        break;
      block[n++] = comment;
    }
  if (n == 0)
    return NULL;

  caption = g_string_new (NULL);
  for (i = n; i-- > 0;)
    {
      const char *text;
      gsize len;

      if (is_title_comment (block[i], NULL, NULL) || is_special_comment (block[i]))
        continue;
      comment_body (block[i], &text, &len);
      if (caption->len > 0 || len > 0)
        {
          if (caption->len > 0)
            g_string_append_c (caption, '\n');
          g_string_append_len (caption, text, len);
        }
    }
  while (caption->len > 0 && caption->str[caption->len - 1] == '\n')
    g_string_truncate (caption, caption->len - 1);

  result = caption->len > 0 ? cs_pool_strndup (pool, caption->str, caption->len) : NULL;
  g_string_free (caption, TRUE);
  return result;
}

static const char *
find_title (CsPool         *pool,
            const CsTokens *tokens,
            guint           first_stmt_line)
{
  guint i;

  for (i = 0; i < tokens->n_comments; i++)
    {
      const CsComment *comment = &tokens->comments[i];
      const char *title;
      gsize len;

      if (comment->line >= first_stmt_line)
        break;
      if (comment->alone && is_title_comment (comment, &title, &len))
        return cs_pool_strndup (pool, title, len);
    }
  return NULL;
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

static void
add_whole_file_error (CsProgram       *program,
                      CsParseErrorKind kind,
                      guint            line,
                      guint            column,
                      const char      *message)
{
  CsPool *pool = program->pool;
  CsStmt *s = cs_pool_alloc (pool, sizeof (CsStmt));
  const char *src = program->source;
  gsize i;

  s->kind = CS_STMT_ERROR;
  s->span.line = 1;
  s->span.column = 1;
  s->span.start = 0;
  s->span.end = program->source_len;
  s->span.end_line = 1;
  s->span.end_column = 1;
  for (i = 0; i < program->source_len; i++)
    {
      if (src[i] == '\n')
        {
          s->span.end_line++;
          s->span.end_column = 1;
        }
      else if (((guchar) src[i] & 0xC0) != 0x80)
        s->span.end_column++;
    }
  s->error.kind = kind;
  s->error.message = cs_pool_strndup (pool, message, strlen (message));
  s->error.line = line;
  s->error.column = column;

  program->body.stmts = cs_pool_alloc (pool, sizeof (CsStmt *));
  program->body.stmts[0] = s;
  program->body.n_stmts = 1;
}

/* Copies @text turning "\r\n" and lone "\r" into "\n", as Python's
 * universal newlines do when it reads a scenario. */
static char *
normalize_newlines (CsPool     *pool,
                    const char *text,
                    gsize       len,
                    gsize      *out_len)
{
  char *out = cs_pool_alloc (pool, len + 1);
  gsize i, o = 0;

  for (i = 0; i < len; i++)
    {
      if (text[i] == '\r')
        {
          out[o++] = '\n';
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
        }
      else
        out[o++] = text[i];
    }
  out[o] = '\0';
  *out_len = o;
  return out;
}

CsProgram *
cs_program_parse (const char *filename,
                  const char *text,
                  gssize      len)
{
  CsProgram *program = g_new0 (CsProgram, 1);
  CsTokens tokens = { 0 };
  Parser parser = { 0 };
  Parser *p = &parser;
  const char *valid_end;
  CsPool *pool;
  guint i;

  pool = cs_pool_new ();
  program->pool = pool;
  if (filename == NULL)
    filename = "<string>";
  program->filename = cs_pool_strndup (pool, filename, strlen (filename));

  if (text == NULL)
    {
      text = "";
      len = 0;
    }
  if (len < 0)
    len = strlen (text);

  if ((gsize) len > CS_PARSER_MAX_SOURCE)
    {
      g_autofree char *msg =
        g_strdup_printf ("source too large: Copyscope reads scenarios of at most %d bytes",
                         CS_PARSER_MAX_SOURCE);

      program->source = cs_pool_strndup (pool, "", 0);
      program->source_len = 0;
      add_whole_file_error (program, CS_UNSUPPORTED, 1, 1, msg);
      return program;
    }

  program->source = normalize_newlines (pool, text, len, &program->source_len);

  if (!g_utf8_validate_len (program->source, program->source_len, &valid_end))
    {
      gsize bad = valid_end - program->source;
      guchar byte = (guchar) program->source[bad];
      guint line = 1, column = 1;
      g_autofree char *msg = NULL;
      gsize k;

      for (k = 0; k < bad; k++)
        {
          if (program->source[k] == '\n')
            {
              line++;
              column = 1;
            }
          else if (((guchar) program->source[k] & 0xC0) != 0x80)
            column++;
        }

      if (byte == 0)
        msg = g_strdup ("source code cannot contain null bytes");
      else
        msg = g_strdup_printf ("(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %"
                               G_GSIZE_FORMAT ": %s", byte, bad,
                               (byte >= 0x80 && byte < 0xC2) || byte > 0xF4 ? "invalid start byte" :
                               bad + 1 >= program->source_len ? "unexpected end of data" :
                               "invalid continuation byte");

      /* Keep only the valid part, so the source stays UTF-8. */
      program->source[bad] = '\0';
      program->source_len = bad;
      add_whole_file_error (program, CS_SYNTAX_ERROR, line, column, msg);
      return program;
    }

  cs_lex (pool, program->source, program->source_len, &tokens);

  p->pool = pool;
  p->src = program->source;
  p->toks = tokens.tokens;
  p->n_toks = tokens.n_tokens;
  p->main_toks = tokens.tokens;
  p->main_n_toks = tokens.n_tokens;
  p->pos = 0;

  while (kind (p) != CS_TOK_EOF)
    {
      guint first = p->pos;
      guint n_before = p->top.len;

      /* Layout tokens cannot start a statement; step over strays. */
      if (kind (p) == CS_TOK_NEWLINE || kind (p) == CS_TOK_DEDENT)
        {
          next (p);
          continue;
        }

      if (!try_parse_toplevel (p))
        {
          /* An error inside an f-string field leaves its tokens current. */
          p->toks = p->main_toks;
          p->n_toks = p->main_n_toks;
          p->top.len = n_before;
          recover (p, first);
        }
      if (p->pos == first)
        next (p);

      for (i = n_before; i < p->top.len; i++)
        {
          CsStmt *s = p->top.data[i];

          if (i == n_before || ((CsStmt *) p->top.data[i - 1])->span.end_line != s->span.line)
            s->caption = caption_for_line (pool, &tokens, s->span.line);
        }
    }

  program->body.stmts = (CsStmt **) p->top.data;
  program->body.n_stmts = p->top.len;
  program->title = find_title (pool, &tokens,
                               program->body.n_stmts > 0 ? program->body.stmts[0]->span.line
                                                         : G_MAXUINT);

  cs_tokens_clear (&tokens);
  return program;
}

void
cs_program_free (CsProgram *program)
{
  if (program == NULL)
    return;
  cs_pool_free (program->pool);
  g_free (program);
}
