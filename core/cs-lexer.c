/* cs-lexer.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-lexer.h"

/* ------------------------------------------------------------------------
 * Pool
 * ------------------------------------------------------------------------ */

#define POOL_CHUNK_SIZE (64 * 1024)
#define POOL_ALIGN      16

typedef struct _PoolChunk PoolChunk;

struct _PoolChunk
{
  PoolChunk *next;
  gsize      pad;   /* keeps the data that follows 16-byte aligned */
};

struct _CsPool
{
  PoolChunk *chunks;
  guint8    *cur;
  gsize      left;
};

CsPool *
cs_pool_new (void)
{
  return g_new0 (CsPool, 1);
}

void
cs_pool_free (CsPool *pool)
{
  PoolChunk *chunk;

  if (pool == NULL)
    return;

  chunk = pool->chunks;
  while (chunk != NULL)
    {
      PoolChunk *next = chunk->next;

      g_free (chunk);
      chunk = next;
    }
  g_free (pool);
}

/* Returns zeroed memory that lives until cs_pool_free(). */
gpointer
cs_pool_alloc (CsPool *pool,
               gsize   size)
{
  gpointer mem;

  g_assert (pool != NULL);
  g_assert (size < G_MAXSIZE / 2);

  size = (size + POOL_ALIGN - 1) & ~(gsize) (POOL_ALIGN - 1);
  if (size == 0)
    size = POOL_ALIGN;

  if (size > pool->left)
    {
      PoolChunk *chunk;

      if (size > POOL_CHUNK_SIZE / 4)
        {
          /* A big block gets a chunk of its own; the current chunk stays. */
          chunk = g_malloc0 (sizeof (PoolChunk) + size);
          if (pool->chunks != NULL)
            {
              chunk->next = pool->chunks->next;
              pool->chunks->next = chunk;
            }
          else
            pool->chunks = chunk;
          return (guint8 *) chunk + sizeof (PoolChunk);
        }

      chunk = g_malloc0 (sizeof (PoolChunk) + POOL_CHUNK_SIZE);
      chunk->next = pool->chunks;
      pool->chunks = chunk;
      pool->cur = (guint8 *) chunk + sizeof (PoolChunk);
      pool->left = POOL_CHUNK_SIZE;
    }

  mem = pool->cur;
  pool->cur += size;
  pool->left -= size;
  return mem;
}

char *
cs_pool_strndup (CsPool     *pool,
                 const char *str,
                 gsize       len)
{
  char *copy = cs_pool_alloc (pool, len + 1);

  if (len > 0)
    memcpy (copy, str, len);
  copy[len] = '\0';
  return copy;
}

gpointer
cs_pool_memdup (CsPool       *pool,
                gconstpointer mem,
                gsize         size)
{
  gpointer copy = cs_pool_alloc (pool, size);

  if (size > 0)
    memcpy (copy, mem, size);
  return copy;
}

/* ------------------------------------------------------------------------
 * Token names
 * ------------------------------------------------------------------------ */

static const char * const token_names[CS_TOK_N_KINDS] = {
  [CS_TOK_EOF] = "EOF",
  [CS_TOK_NEWLINE] = "NEWLINE",
  [CS_TOK_INDENT] = "INDENT",
  [CS_TOK_DEDENT] = "DEDENT",
  [CS_TOK_ERROR] = "ERROR",
  [CS_TOK_NAME] = "NAME",
  [CS_TOK_INT] = "INT",
  [CS_TOK_FLOAT] = "FLOAT",
  [CS_TOK_IMAG] = "IMAG",
  [CS_TOK_STRING] = "STRING",
  [CS_TOK_LPAR] = "(",
  [CS_TOK_RPAR] = ")",
  [CS_TOK_LSQB] = "[",
  [CS_TOK_RSQB] = "]",
  [CS_TOK_LBRACE] = "{",
  [CS_TOK_RBRACE] = "}",
  [CS_TOK_COLON] = ":",
  [CS_TOK_COMMA] = ",",
  [CS_TOK_SEMI] = ";",
  [CS_TOK_PLUS] = "+",
  [CS_TOK_MINUS] = "-",
  [CS_TOK_STAR] = "*",
  [CS_TOK_SLASH] = "/",
  [CS_TOK_VBAR] = "|",
  [CS_TOK_AMPER] = "&",
  [CS_TOK_LESS] = "<",
  [CS_TOK_GREATER] = ">",
  [CS_TOK_EQUAL] = "=",
  [CS_TOK_DOT] = ".",
  [CS_TOK_PERCENT] = "%",
  [CS_TOK_TILDE] = "~",
  [CS_TOK_CIRCUMFLEX] = "^",
  [CS_TOK_AT] = "@",
  [CS_TOK_EQEQUAL] = "==",
  [CS_TOK_NOTEQUAL] = "!=",
  [CS_TOK_LESSEQUAL] = "<=",
  [CS_TOK_GREATEREQUAL] = ">=",
  [CS_TOK_LEFTSHIFT] = "<<",
  [CS_TOK_RIGHTSHIFT] = ">>",
  [CS_TOK_DOUBLESTAR] = "**",
  [CS_TOK_DOUBLESLASH] = "//",
  [CS_TOK_PLUSEQUAL] = "+=",
  [CS_TOK_MINEQUAL] = "-=",
  [CS_TOK_STAREQUAL] = "*=",
  [CS_TOK_SLASHEQUAL] = "/=",
  [CS_TOK_PERCENTEQUAL] = "%=",
  [CS_TOK_AMPEREQUAL] = "&=",
  [CS_TOK_VBAREQUAL] = "|=",
  [CS_TOK_CIRCUMFLEXEQUAL] = "^=",
  [CS_TOK_LEFTSHIFTEQUAL] = "<<=",
  [CS_TOK_RIGHTSHIFTEQUAL] = ">>=",
  [CS_TOK_DOUBLESTAREQUAL] = "**=",
  [CS_TOK_DOUBLESLASHEQUAL] = "//=",
  [CS_TOK_ATEQUAL] = "@=",
  [CS_TOK_RARROW] = "->",
  [CS_TOK_ELLIPSIS] = "...",
  [CS_TOK_COLONEQUAL] = ":=",
  [CS_TOK_FALSE] = "False",
  [CS_TOK_NONE] = "None",
  [CS_TOK_TRUE] = "True",
  [CS_TOK_AND] = "and",
  [CS_TOK_AS] = "as",
  [CS_TOK_ASSERT] = "assert",
  [CS_TOK_ASYNC] = "async",
  [CS_TOK_AWAIT] = "await",
  [CS_TOK_BREAK] = "break",
  [CS_TOK_CLASS] = "class",
  [CS_TOK_CONTINUE] = "continue",
  [CS_TOK_DEF] = "def",
  [CS_TOK_DEL] = "del",
  [CS_TOK_ELIF] = "elif",
  [CS_TOK_ELSE] = "else",
  [CS_TOK_EXCEPT] = "except",
  [CS_TOK_FINALLY] = "finally",
  [CS_TOK_FOR] = "for",
  [CS_TOK_FROM] = "from",
  [CS_TOK_GLOBAL] = "global",
  [CS_TOK_IF] = "if",
  [CS_TOK_IMPORT] = "import",
  [CS_TOK_IN] = "in",
  [CS_TOK_IS] = "is",
  [CS_TOK_LAMBDA] = "lambda",
  [CS_TOK_NONLOCAL] = "nonlocal",
  [CS_TOK_NOT] = "not",
  [CS_TOK_OR] = "or",
  [CS_TOK_PASS] = "pass",
  [CS_TOK_RAISE] = "raise",
  [CS_TOK_RETURN] = "return",
  [CS_TOK_TRY] = "try",
  [CS_TOK_WHILE] = "while",
  [CS_TOK_WITH] = "with",
  [CS_TOK_YIELD] = "yield",
};

const char *
cs_token_kind_to_string (CsTokenKind kind)
{
  if ((guint) kind >= CS_TOK_N_KINDS || token_names[kind] == NULL)
    return "?";
  return token_names[kind];
}

/* ------------------------------------------------------------------------
 * Lexer state
 * ------------------------------------------------------------------------ */

typedef struct
{
  gsize pos;
  guint line;
  guint col;
} Pos;

typedef struct
{
  char ch;
  Pos  at;
} Paren;

typedef struct
{
  CsPool     *pool;
  const char *src;
  gsize       len;
  Pos         cur;

  GArray     *tokens;
  GArray     *comments;

  guint       indstack[CS_LEX_MAX_INDENT_DEPTH + 1];
  guint       altstack[CS_LEX_MAX_INDENT_DEPTH + 1];
  guint       indent_top;

  Paren       parens[CS_LEX_MAX_PAREN_DEPTH];
  guint       paren_depth;
  guint       n_errors;

  gboolean    fragment;            /* an f-string field: no layout tokens */
  gboolean    at_line_start;
  gboolean    line_has_tokens;     /* the physical line */
  gboolean    logical_has_tokens;  /* the logical line */
} Lexer;

static inline int
peek_at (Lexer *lx,
         gsize  offset)
{
  gsize p = lx->cur.pos + offset;

  return p < lx->len ? (guchar) lx->src[p] : -1;
}

/* Moves over one byte; columns count characters, so only bytes that are
 * not UTF-8 continuation bytes start a new column. */
static void
advance (Lexer *lx)
{
  guchar c;

  if (lx->cur.pos >= lx->len)
    return;

  c = lx->src[lx->cur.pos++];
  if (c == '\n')
    {
      lx->cur.line++;
      lx->cur.col = 1;
    }
  else if ((c & 0xC0) != 0x80)
    {
      /* The column of the next character: count this one as done once
       * all its continuation bytes are skipped too. */
      lx->cur.col++;
    }
}

/* Moves over one whole character. */
static void
advance_char (Lexer *lx)
{
  advance (lx);
  while (lx->cur.pos < lx->len && ((guchar) lx->src[lx->cur.pos] & 0xC0) == 0x80)
    lx->cur.pos++;
}

static gunichar
char_at (Lexer *lx)
{
  if (lx->cur.pos >= lx->len)
    return 0;
  return g_utf8_get_char_validated (lx->src + lx->cur.pos, lx->len - lx->cur.pos);
}

static CsToken *
push_token (Lexer      *lx,
            CsTokenKind kind,
            Pos         start)
{
  CsToken tok = { 0 };

  tok.kind = kind;
  tok.span.line = start.line;
  tok.span.column = start.col;
  tok.span.start = start.pos;
  tok.span.end_line = lx->cur.line;
  tok.span.end_column = lx->cur.col;
  tok.span.end = lx->cur.pos;
  g_array_append_val (lx->tokens, tok);

  if (kind != CS_TOK_INDENT && kind != CS_TOK_DEDENT && kind != CS_TOK_NEWLINE)
    {
      lx->line_has_tokens = TRUE;
      lx->logical_has_tokens = TRUE;
    }

  return &g_array_index (lx->tokens, CsToken, lx->tokens->len - 1);
}

static CsToken * G_GNUC_PRINTF (6, 7)
push_error (Lexer           *lx,
            Pos              start,
            CsParseErrorKind kind,
            guint            line,
            guint            column,
            const char      *format,
            ...)
{
  CsToken *tok;
  va_list args;
  char *msg;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  /* Past this many errors the rest of the input is not worth tokens. */
  if (++lx->n_errors >= CS_LEX_MAX_ERRORS)
    lx->len = lx->cur.pos;

  tok = push_token (lx, CS_TOK_ERROR, start);
  tok->text = cs_pool_strndup (lx->pool, msg, strlen (msg));
  tok->len = strlen (msg);
  tok->error.kind = kind;
  tok->error.line = line;
  tok->error.column = column;
  g_free (msg);

  return tok;
}

static void
skip_rest_of_line (Lexer *lx)
{
  while (lx->cur.pos < lx->len && lx->src[lx->cur.pos] != '\n')
    advance (lx);
}

/* Characters from the cursor to the end of its line. */
static guint
chars_to_end_of_line (Lexer *lx)
{
  guint n = 0;
  gsize p;

  for (p = lx->cur.pos; p < lx->len && lx->src[p] != '\n'; p++)
    if (((guchar) lx->src[p] & 0xC0) != 0x80)
      n++;
  return n;
}

/* ------------------------------------------------------------------------
 * Identifiers and keywords
 * ------------------------------------------------------------------------ */

static gboolean
is_id_start (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalpha (c) || c == '_';
  return g_unichar_isalpha (c) || g_unichar_type (c) == G_UNICODE_LETTER_NUMBER;
}

static gboolean
is_id_continue (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';
  return is_id_start (c) || g_unichar_ismark (c) || g_unichar_isdigit (c) ||
         g_unichar_type (c) == G_UNICODE_CONNECT_PUNCTUATION;
}

static CsTokenKind
keyword_kind (const char *s,
              gsize       n)
{
  CsTokenKind k;

  if (n < 2 || n > 8)
    return CS_TOK_NAME;
  for (k = CS_TOK_FALSE; k <= CS_TOK_YIELD; k++)
    {
      const char *kw = token_names[k];

      /* Cheap rejections first: this runs for every identifier. */
      if (kw[0] != s[0] || kw[1] != s[1])
        continue;
      if (strlen (kw) == n && memcmp (kw, s, n) == 0)
        return k;
    }
  return CS_TOK_NAME;
}

/* ------------------------------------------------------------------------
 * Strings
 * ------------------------------------------------------------------------ */

static int
hex_value (int c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Decodes the escapes of a non-raw str literal body, as CPython's
 * decode_unicode_with_escapes() does.  The result is never longer than the
 * body.  Returns NULL and sets *error (and *unsupported) on a bad escape.
 */
char *
cs_lex_decode_escapes (CsPool     *pool,
                const char *body,
                gsize       n,
                gsize      *out_len,
                char      **error,
                gboolean   *unsupported)
{
  char *out = cs_pool_alloc (pool, n + 1);
  gsize i = 0, o = 0;

  *error = NULL;
  *unsupported = FALSE;

  while (i < n)
    {
      guchar c = body[i];
      gunichar value;
      int digits, k;

      if (c != '\\')
        {
          out[o++] = body[i++];
          continue;
        }

      if (i + 1 >= n)
        {
          /* Cannot happen: a backslash always escapes the next character. */
          out[o++] = body[i++];
          continue;
        }

      c = body[i + 1];
      switch (c)
        {
        case '\n': i += 2; continue;
        case '\\': out[o++] = '\\'; i += 2; continue;
        case '\'': out[o++] = '\''; i += 2; continue;
        case '"': out[o++] = '"'; i += 2; continue;
        case 'a': out[o++] = '\a'; i += 2; continue;
        case 'b': out[o++] = '\b'; i += 2; continue;
        case 'f': out[o++] = '\f'; i += 2; continue;
        case 'n': out[o++] = '\n'; i += 2; continue;
        case 'r': out[o++] = '\r'; i += 2; continue;
        case 't': out[o++] = '\t'; i += 2; continue;
        case 'v': out[o++] = '\v'; i += 2; continue;
        case '0': case '1': case '2': case '3':
        case '4': case '5': case '6': case '7':
          value = 0;
          for (k = 0; k < 3 && i + 1 + k < n && body[i + 1 + k] >= '0' && body[i + 1 + k] <= '7'; k++)
            value = value * 8 + (body[i + 1 + k] - '0');
          o += g_unichar_to_utf8 (value, out + o);
          i += 1 + k;
          continue;
        case 'x': digits = 2; break;
        case 'u': digits = 4; break;
        case 'U': digits = 8; break;
        case 'N':
          *error = g_strdup ("\\N{...} escapes in strings are not supported by Copyscope");
          *unsupported = TRUE;
          return NULL;
        default:
          /* An unknown escape keeps its backslash (CPython only warns). */
          out[o++] = '\\';
          i += 1;
          continue;
        }

      value = 0;
      for (k = 0; k < digits; k++)
        {
          int h = i + 2 + k < n ? hex_value ((guchar) body[i + 2 + k]) : -1;

          if (h < 0)
            {
              *error = g_strdup_printf ("(unicode error) 'unicodeescape' codec can't decode bytes in "
                                        "position %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT ": truncated \\%c%s escape",
                                        i, i + 1 + k, c,
                                        c == 'x' ? "XX" : c == 'u' ? "XXXX" : "XXXXXXXX");
              return NULL;
            }
          value = value * 16 + h;
        }

      if (value > 0x10FFFF)
        {
          *error = g_strdup_printf ("(unicode error) 'unicodeescape' codec can't decode bytes in "
                                    "position %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT ": illegal Unicode character",
                                    i, i + 1 + digits);
          return NULL;
        }
      if (value >= 0xD800 && value <= 0xDFFF)
        {
          *error = g_strdup ("surrogate code points in strings are not supported by Copyscope");
          *unsupported = TRUE;
          return NULL;
        }

      o += g_unichar_to_utf8 (value, out + o);
      i += 2 + digits;
    }

  g_assert (o <= n);
  out[o] = '\0';
  *out_len = o;
  return out;
}

/* The cursor is on the opening quote; @start is at the prefix. */
static void
lex_string (Lexer *lx,
            Pos    start,
            guint  flags)
{
  int q = peek_at (lx, 0);
  gboolean triple = peek_at (lx, 1) == q && peek_at (lx, 2) == q;
  gsize body_start, body_end;
  CsToken *tok;

  advance (lx);
  if (triple)
    {
      advance (lx);
      advance (lx);
    }
  body_start = lx->cur.pos;

  for (;;)
    {
      int c = peek_at (lx, 0);

      if (c < 0 || (c == '\n' && !triple))
        {
          push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                      triple ? "unterminated triple-quoted string literal (detected at line %u)"
                             : "unterminated string literal (detected at line %u)",
                      lx->cur.line);
          return;
        }
      if (c == '\\')
        {
          advance (lx);
          if (lx->cur.pos < lx->len)
            advance_char (lx);
          continue;
        }
      if (c == q)
        {
          if (!triple)
            {
              body_end = lx->cur.pos;
              advance (lx);
              break;
            }
          if (peek_at (lx, 1) == q && peek_at (lx, 2) == q)
            {
              body_end = lx->cur.pos;
              advance (lx);
              advance (lx);
              advance (lx);
              break;
            }
        }
      advance_char (lx);
    }

  if (flags & (CS_STR_RAW | CS_STR_BYTES | CS_STR_FORMAT))
    {
      tok = push_token (lx, CS_TOK_STRING, start);
      tok->flags = flags;
      tok->text = cs_pool_strndup (lx->pool, lx->src + body_start, body_end - body_start);
      tok->len = body_end - body_start;
    }
  else
    {
      g_autofree char *error = NULL;
      gboolean unsupported;
      gsize out_len = 0;
      char *value;

      value = cs_lex_decode_escapes (lx->pool, lx->src + body_start, body_end - body_start,
                                     &out_len, &error, &unsupported);
      if (value == NULL)
        {
          push_error (lx, start, unsupported ? CS_UNSUPPORTED : CS_SYNTAX_ERROR,
                      start.line, start.col, "%s", error);
          return;
        }
      tok = push_token (lx, CS_TOK_STRING, start);
      tok->flags = flags;
      tok->text = value;
      tok->len = out_len;
    }
}

/* If the characters at the cursor are a string prefix followed by a quote,
 * returns the prefix length and sets *flags; else returns 0. */
static guint
string_prefix (Lexer *lx,
               guint *flags)
{
  guint i;

  *flags = 0;
  for (i = 0; i < 3; i++)
    {
      int c = peek_at (lx, i);

      if (c == '\'' || c == '"')
        break;
      switch (c)
        {
        case 'r': case 'R':
          if (*flags & CS_STR_RAW)
            return 0;
          *flags |= CS_STR_RAW;
          break;
        case 'b': case 'B':
          if (*flags & (CS_STR_BYTES | CS_STR_FORMAT))
            return 0;
          *flags |= CS_STR_BYTES;
          break;
        case 'f': case 'F':
          if (*flags & (CS_STR_BYTES | CS_STR_FORMAT))
            return 0;
          *flags |= CS_STR_FORMAT;
          break;
        case 'u': case 'U':
          if (i != 0 || (peek_at (lx, 1) != '\'' && peek_at (lx, 1) != '"'))
            return 0;
          break;
        default:
          return 0;
        }
    }
  if (i == 0 || i == 3)
    return 0;
  return i;
}

/* ------------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------------ */

/* CPython's verify_end_of_number(): a number may be directly followed by a
 * few keywords ("1if x else 2"), but not by other identifier characters. */
static gboolean
number_end_ok (Lexer *lx)
{
  static const char * const ok[] = { "and", "else", "for", "if", "in", "is", "not", "or" };
  gunichar c = char_at (lx);
  guint i;

  if (!is_id_continue (c) || c == 0)
    return TRUE;
  for (i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      gsize n = strlen (ok[i]);

      if (lx->cur.pos + n <= lx->len && memcmp (lx->src + lx->cur.pos, ok[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Reads decimal digits with single underscores between them.  Returns FALSE
 * on a misplaced underscore. */
static gboolean
read_decimal_digits (Lexer    *lx,
                     gboolean *any)
{
  *any = FALSE;
  for (;;)
    {
      int c = peek_at (lx, 0);

      if (c >= '0' && c <= '9')
        {
          *any = TRUE;
          advance (lx);
        }
      else if (c == '_' && *any)
        {
          int d = peek_at (lx, 1);

          if (!(d >= '0' && d <= '9'))
            {
              advance (lx);
              return FALSE;
            }
          advance (lx);
        }
      else
        return TRUE;
    }
}

/* After a bad number, steps over the rest of it (digits, letters, '_',
 * '.') so that what follows still tokenizes. */
static void
skip_number_rest (Lexer *lx)
{
  while (lx->cur.pos < lx->len)
    {
      gunichar c = char_at (lx);

      if (c != '.' && !is_id_continue (c))
        break;
      advance_char (lx);
    }
}

static void
lex_number (Lexer *lx,
            Pos    start)
{
  int c = peek_at (lx, 0);
  int c1 = peek_at (lx, 1);
  gboolean is_float = FALSE, any;
  CsToken *tok;

  if (c == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' || c1 == 'B'))
    {
      int base = (c1 == 'x' || c1 == 'X') ? 16 : (c1 == 'o' || c1 == 'O') ? 8 : 2;
      const char *what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
      guint64 value = 0;
      gboolean overflow = FALSE;

      any = FALSE;
      advance (lx);
      advance (lx);
      for (;;)
        {
          int d;

          c = peek_at (lx, 0);
          if (c == '_')
            {
              /* An underscore must sit before a digit of the base. */
              d = hex_value (peek_at (lx, 1));
              if (d < 0 || d >= base)
                {
                  push_error (lx, start, CS_SYNTAX_ERROR, lx->cur.line, lx->cur.col,
                              "invalid %s literal", what);
                  skip_number_rest (lx);
                  return;
                }
              advance (lx);
              continue;
            }
          d = hex_value (c);
          if (d < 0 || d >= base)
            break;
          any = TRUE;
          if (value > ((guint64) G_MAXINT64 - d) / base)
            overflow = TRUE;
          else
            value = value * base + d;
          advance (lx);
        }

      if (c >= '0' && c <= '9')
        {
          push_error (lx, start, CS_SYNTAX_ERROR, lx->cur.line, lx->cur.col,
                      "invalid digit '%c' in %s literal", c, what);
          skip_number_rest (lx);
          return;
        }
      if (!any)
        {
          push_error (lx, start, CS_SYNTAX_ERROR, lx->cur.line, lx->cur.col,
                      "invalid %s literal", what);
          skip_number_rest (lx);
          return;
        }
      if (!number_end_ok (lx))
        {
          push_error (lx, start, CS_SYNTAX_ERROR, lx->cur.line, lx->cur.col,
                      "invalid %s literal", what);
          skip_number_rest (lx);
          return;
        }

      tok = push_token (lx, CS_TOK_INT, start);
      tok->int_value = (gint64) value;
      if (overflow)
        tok->flags |= CS_INT_TOO_LARGE;
      tok->text = cs_pool_strndup (lx->pool, lx->src + start.pos, lx->cur.pos - start.pos);
      tok->len = lx->cur.pos - start.pos;
      return;
    }

  /* Decimal integer or float. */
  if (!read_decimal_digits (lx, &any))
    goto bad_decimal;
  if (peek_at (lx, 0) == '.')
    {
      is_float = TRUE;
      advance (lx);
      if (!read_decimal_digits (lx, &any))
        goto bad_decimal;
    }
  c = peek_at (lx, 0);
  if (c == 'e' || c == 'E')
    {
      int s = peek_at (lx, 1);
      int d = (s == '+' || s == '-') ? peek_at (lx, 2) : s;

      if (d >= '0' && d <= '9')
        {
          is_float = TRUE;
          advance (lx);
          if (s == '+' || s == '-')
            advance (lx);
          if (!read_decimal_digits (lx, &any))
            goto bad_decimal;
        }
      else
        goto bad_decimal;
    }

  c = peek_at (lx, 0);
  if (c == 'j' || c == 'J')
    {
      advance (lx);
      if (!number_end_ok (lx))
        goto bad_decimal;
      tok = push_token (lx, CS_TOK_IMAG, start);
      tok->text = cs_pool_strndup (lx->pool, lx->src + start.pos, lx->cur.pos - start.pos);
      tok->len = lx->cur.pos - start.pos;
      return;
    }

  if (!number_end_ok (lx))
    goto bad_decimal;

  {
    gsize n = lx->cur.pos - start.pos;
    g_autofree char *clean = g_malloc (n + 1);
    gsize i, k = 0;

    for (i = 0; i < n; i++)
      if (lx->src[start.pos + i] != '_')
        clean[k++] = lx->src[start.pos + i];
    clean[k] = '\0';

    if (is_float)
      {
        tok = push_token (lx, CS_TOK_FLOAT, start);
        tok->float_value = g_ascii_strtod (clean, NULL);
      }
    else
      {
        guint64 value = 0;
        gboolean overflow = FALSE, nonzero = FALSE;

        for (i = 0; i < k; i++)
          {
            int d = clean[i] - '0';

            if (d != 0)
              nonzero = TRUE;
            if (value > ((guint64) G_MAXINT64 - d) / 10)
              overflow = TRUE;
            else
              value = value * 10 + d;
          }
        if (k > 1 && clean[0] == '0' && nonzero)
          {
            push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                        "leading zeros in decimal integer literals are not permitted; "
                        "use an 0o prefix for octal integers");
            skip_number_rest (lx);
            return;
          }
        tok = push_token (lx, CS_TOK_INT, start);
        tok->int_value = (gint64) value;
        if (overflow)
          tok->flags |= CS_INT_TOO_LARGE;
      }
    tok->text = cs_pool_strndup (lx->pool, lx->src + start.pos, n);
    tok->len = n;
  }
  return;

bad_decimal:
  push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col, "invalid decimal literal");
  skip_number_rest (lx);
}

/* ------------------------------------------------------------------------
 * Operators
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *text;
  CsTokenKind kind;
} OpEntry;

/* Longest first, so the first match wins. */
static const OpEntry operators[] = {
  { "**=", CS_TOK_DOUBLESTAREQUAL },
  { "//=", CS_TOK_DOUBLESLASHEQUAL },
  { ">>=", CS_TOK_RIGHTSHIFTEQUAL },
  { "<<=", CS_TOK_LEFTSHIFTEQUAL },
  { "...", CS_TOK_ELLIPSIS },
  { "!=", CS_TOK_NOTEQUAL },
  { "%=", CS_TOK_PERCENTEQUAL },
  { "&=", CS_TOK_AMPEREQUAL },
  { "**", CS_TOK_DOUBLESTAR },
  { "*=", CS_TOK_STAREQUAL },
  { "+=", CS_TOK_PLUSEQUAL },
  { "-=", CS_TOK_MINEQUAL },
  { "->", CS_TOK_RARROW },
  { "//", CS_TOK_DOUBLESLASH },
  { "/=", CS_TOK_SLASHEQUAL },
  { ":=", CS_TOK_COLONEQUAL },
  { "<<", CS_TOK_LEFTSHIFT },
  { "<=", CS_TOK_LESSEQUAL },
  { "==", CS_TOK_EQEQUAL },
  { ">=", CS_TOK_GREATEREQUAL },
  { ">>", CS_TOK_RIGHTSHIFT },
  { "@=", CS_TOK_ATEQUAL },
  { "^=", CS_TOK_CIRCUMFLEXEQUAL },
  { "|=", CS_TOK_VBAREQUAL },
  { "(", CS_TOK_LPAR },
  { ")", CS_TOK_RPAR },
  { "[", CS_TOK_LSQB },
  { "]", CS_TOK_RSQB },
  { "{", CS_TOK_LBRACE },
  { "}", CS_TOK_RBRACE },
  { ":", CS_TOK_COLON },
  { ",", CS_TOK_COMMA },
  { ";", CS_TOK_SEMI },
  { "+", CS_TOK_PLUS },
  { "-", CS_TOK_MINUS },
  { "*", CS_TOK_STAR },
  { "/", CS_TOK_SLASH },
  { "|", CS_TOK_VBAR },
  { "&", CS_TOK_AMPER },
  { "<", CS_TOK_LESS },
  { ">", CS_TOK_GREATER },
  { "=", CS_TOK_EQUAL },
  { ".", CS_TOK_DOT },
  { "%", CS_TOK_PERCENT },
  { "~", CS_TOK_TILDE },
  { "^", CS_TOK_CIRCUMFLEX },
  { "@", CS_TOK_AT },
};

static void
lex_operator (Lexer *lx,
              Pos    start)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (operators); i++)
    {
      gsize n = strlen (operators[i].text);
      CsTokenKind kind = operators[i].kind;

      if (lx->cur.pos + n > lx->len || memcmp (lx->src + lx->cur.pos, operators[i].text, n) != 0)
        continue;

      if (kind == CS_TOK_LPAR || kind == CS_TOK_LSQB || kind == CS_TOK_LBRACE)
        {
          if (lx->paren_depth >= CS_LEX_MAX_PAREN_DEPTH)
            {
              advance (lx);
              push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                          "too many nested parentheses");
              return;
            }
          lx->parens[lx->paren_depth].ch = operators[i].text[0];
          lx->parens[lx->paren_depth].at = start;
          lx->paren_depth++;
        }
      else if (kind == CS_TOK_RPAR || kind == CS_TOK_RSQB || kind == CS_TOK_RBRACE)
        {
          char close = operators[i].text[0];
          char want;

          if (lx->paren_depth == 0)
            {
              advance (lx);
              push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                          "unmatched '%c'", close);
              return;
            }
          want = lx->parens[lx->paren_depth - 1].ch == '(' ? ')' :
                 lx->parens[lx->paren_depth - 1].ch == '[' ? ']' : '}';
          if (close != want)
            {
              Paren *open = &lx->parens[lx->paren_depth - 1];

              advance (lx);
              if (open->at.line != start.line)
                push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                            "closing parenthesis '%c' does not match opening parenthesis '%c' on line %u",
                            close, open->ch, open->at.line);
              else
                push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                            "closing parenthesis '%c' does not match opening parenthesis '%c'",
                            close, open->ch);
              lx->paren_depth--;
              return;
            }
          lx->paren_depth--;
        }

      while (n-- > 0)
        advance (lx);
      push_token (lx, kind, start);
      return;
    }

  /* Not an operator: an invalid character. */
  {
    gunichar c = char_at (lx);

    if (c == 0 && lx->cur.pos < lx->len)
      c = (guchar) lx->src[lx->cur.pos];

    if (c >= 0x80 && g_unichar_isprint (c))
      {
        char buf[8] = { 0 };

        g_unichar_to_utf8 (c, buf);
        push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                    "invalid character '%s' (U+%04X)", buf, c);
      }
    else if (c < 0x20 || c == 0x7F || (c >= 0x80 && !g_unichar_isprint (c)))
      push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col,
                  "invalid non-printable character U+%04X", c);
    else
      push_error (lx, start, CS_SYNTAX_ERROR, start.line, start.col, "invalid syntax");
    /* Step over the character only, so brackets after it still pair up. */
    advance_char (lx);
  }
}

/* ------------------------------------------------------------------------
 * Indentation
 * ------------------------------------------------------------------------ */

/* At the start of a logical line: measure the indentation and emit INDENT
 * or DEDENT tokens (CPython's tok_get() "Get indentation level").  Returns
 * FALSE when the line is blank or a comment only. */
static gboolean
lex_indentation (Lexer *lx)
{
  guint col = 0, altcol = 0;
  int c;

  for (;;)
    {
      c = peek_at (lx, 0);
      if (c == ' ')
        {
          col++;
          altcol++;
        }
      else if (c == '\t')
        {
          col = (col / 8 + 1) * 8;
          altcol++;
        }
      else if (c == '\f')
        col = altcol = 0;
      else
        break;
      advance (lx);
    }

  if (c < 0 || c == '#' || c == '\n')
    return FALSE;
  if (c == '\\' && peek_at (lx, 1) == '\n')
    return FALSE;

  if (col == lx->indstack[lx->indent_top])
    {
      if (altcol != lx->altstack[lx->indent_top])
        push_error (lx, lx->cur, CS_INDENTATION_ERROR, lx->cur.line, 1,
                    "inconsistent use of tabs and spaces in indentation");
    }
  else if (col > lx->indstack[lx->indent_top])
    {
      if (lx->indent_top + 1 >= CS_LEX_MAX_INDENT_DEPTH)
        {
          push_error (lx, lx->cur, CS_INDENTATION_ERROR, lx->cur.line, lx->cur.col,
                      "too many levels of indentation");
          return TRUE;
        }
      if (altcol <= lx->altstack[lx->indent_top])
        push_error (lx, lx->cur, CS_INDENTATION_ERROR, lx->cur.line, 1,
                    "inconsistent use of tabs and spaces in indentation");
      lx->indent_top++;
      lx->indstack[lx->indent_top] = col;
      lx->altstack[lx->indent_top] = altcol;
      push_token (lx, CS_TOK_INDENT, lx->cur);
    }
  else
    {
      while (lx->indent_top > 0 && col < lx->indstack[lx->indent_top])
        {
          lx->indent_top--;
          push_token (lx, CS_TOK_DEDENT, lx->cur);
        }
      if (col != lx->indstack[lx->indent_top])
        push_error (lx, lx->cur, CS_INDENTATION_ERROR, lx->cur.line,
                    lx->cur.col + chars_to_end_of_line (lx),
                    "unindent does not match any outer indentation level");
      else if (altcol != lx->altstack[lx->indent_top])
        push_error (lx, lx->cur, CS_INDENTATION_ERROR, lx->cur.line, 1,
                    "inconsistent use of tabs and spaces in indentation");
    }

  return TRUE;
}

/* ------------------------------------------------------------------------
 * Main loop
 * ------------------------------------------------------------------------ */

static void
lex_run (Lexer    *lx,
         CsTokens *out);

void
cs_lex (CsPool     *pool,
        const char *source,
        gsize       len,
        CsTokens   *out)
{
  Lexer lx = { 0 };

  g_return_if_fail (pool != NULL);
  g_return_if_fail (source != NULL || len == 0);
  g_return_if_fail (out != NULL);

  lx.pool = pool;
  lx.src = source != NULL ? source : "";
  lx.len = len;
  lx.cur.pos = 0;
  lx.cur.line = 1;
  lx.cur.col = 1;
  lx.at_line_start = TRUE;

  /* A UTF-8 byte order mark is skipped, as CPython does. */
  if (len >= 3 && memcmp (lx.src, "\xEF\xBB\xBF", 3) == 0)
    lx.cur.pos = 3;

  lex_run (&lx, out);
}

void
cs_lex_fragment (CsPool     *pool,
                 const char *source,
                 gsize       start,
                 gsize       end,
                 guint       line,
                 guint       column,
                 CsTokens   *out)
{
  Lexer lx = { 0 };

  g_return_if_fail (pool != NULL);
  g_return_if_fail (source != NULL);
  g_return_if_fail (start <= end);
  g_return_if_fail (out != NULL);

  lx.pool = pool;
  lx.src = source;
  lx.len = end;
  lx.cur.pos = start;
  lx.cur.line = line;
  lx.cur.col = column;
  lx.fragment = TRUE;

  lex_run (&lx, out);
}

static void
lex_run (Lexer    *lexer,
         CsTokens *out)
{
  Lexer lx = *lexer;

  lx.tokens = g_array_sized_new (FALSE, TRUE, sizeof (CsToken), 64);
  lx.comments = g_array_new (FALSE, TRUE, sizeof (CsComment));

  for (;;)
    {
      Pos start;
      int c;

      if (lx.at_line_start && lx.paren_depth == 0)
        {
          lx.at_line_start = FALSE;
          lex_indentation (&lx);
        }

      c = peek_at (&lx, 0);
      while (c == ' ' || c == '\t' || c == '\f')
        {
          advance (&lx);
          c = peek_at (&lx, 0);
        }

      if (c < 0)
        break;

      start = lx.cur;

      if (c == '#')
        {
          CsComment comment;

          skip_rest_of_line (&lx);
          comment.line = start.line;
          comment.alone = !lx.line_has_tokens;
          comment.text = cs_pool_strndup (lx.pool, lx.src + start.pos, lx.cur.pos - start.pos);
          comment.len = lx.cur.pos - start.pos;
          g_array_append_val (lx.comments, comment);
          continue;
        }

      if (c == '\n')
        {
          advance (&lx);
          if (lx.paren_depth == 0 && lx.logical_has_tokens && !lx.fragment)
            {
              push_token (&lx, CS_TOK_NEWLINE, start);
              lx.logical_has_tokens = FALSE;
            }
          lx.line_has_tokens = FALSE;
          if (lx.paren_depth == 0 && !lx.fragment)
            lx.at_line_start = TRUE;
          continue;
        }

      if (c == '\\')
        {
          int d = peek_at (&lx, 1);

          if (d == '\n' && peek_at (&lx, 2) >= 0)
            {
              advance (&lx);
              advance (&lx);
              /* A comment on a continuation line is not a caption. */
              lx.line_has_tokens = TRUE;
              continue;
            }
          advance (&lx);
          if (d < 0 || d == '\n')
            push_error (&lx, start, CS_SYNTAX_ERROR, start.line, start.col + 1,
                        "unexpected EOF while parsing");
          else
            {
              push_error (&lx, start, CS_SYNTAX_ERROR, start.line, start.col + 1,
                          "unexpected character after line continuation character");
            }
          continue;
        }

      if ((c >= '0' && c <= '9') || (c == '.' && peek_at (&lx, 1) >= '0' && peek_at (&lx, 1) <= '9'))
        {
          lex_number (&lx, start);
          continue;
        }

      if (c == '\'' || c == '"')
        {
          lex_string (&lx, start, 0);
          continue;
        }

      if (c < 0x80 ? (g_ascii_isalpha (c) || c == '_') : is_id_start (char_at (&lx)))
        {
          guint flags;
          guint n = string_prefix (&lx, &flags);
          CsToken *tok;
          CsTokenKind kind;

          if (n > 0)
            {
              while (n-- > 0)
                advance (&lx);
              lex_string (&lx, start, flags);
              continue;
            }

          while (lx.cur.pos < lx.len && is_id_continue (char_at (&lx)))
            advance_char (&lx);

          kind = keyword_kind (lx.src + start.pos, lx.cur.pos - start.pos);
          tok = push_token (&lx, kind, start);
          tok->text = cs_pool_strndup (lx.pool, lx.src + start.pos, lx.cur.pos - start.pos);
          tok->len = lx.cur.pos - start.pos;
          continue;
        }

      lex_operator (&lx, start);
    }

  /* End of input: close what is open, as CPython's tokenizer does. */
  if (lx.paren_depth > 0)
    {
      Paren *open = &lx.parens[lx.paren_depth - 1];
      CsToken *tok;

      tok = push_error (&lx, lx.cur, CS_SYNTAX_ERROR, open->at.line, open->at.col,
                        "'%c' was never closed", open->ch);
      /* In an f-string field the field ends first, so no preemption. */
      if (!lx.fragment)
        tok->flags |= CS_ERR_PREEMPT;
    }
  if (lx.logical_has_tokens && !lx.fragment)
    push_token (&lx, CS_TOK_NEWLINE, lx.cur);
  while (lx.indent_top > 0)
    {
      lx.indent_top--;
      push_token (&lx, CS_TOK_DEDENT, lx.cur);
    }
  push_token (&lx, CS_TOK_EOF, lx.cur);

  out->n_tokens = lx.tokens->len;
  out->tokens = (CsToken *) (gpointer) g_array_free (lx.tokens, FALSE);
  out->n_comments = lx.comments->len;
  out->comments = (CsComment *) (gpointer) g_array_free (lx.comments, FALSE);
}

void
cs_tokens_clear (CsTokens *tokens)
{
  if (tokens == NULL)
    return;
  g_clear_pointer (&tokens->tokens, g_free);
  g_clear_pointer (&tokens->comments, g_free);
  tokens->n_tokens = 0;
  tokens->n_comments = 0;
}
