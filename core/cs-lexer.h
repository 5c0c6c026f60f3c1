/* cs-lexer.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tokenizer for the Python subset, following CPython 3.11's rules
 * (Parser/tokenizer.c): INDENT/DEDENT from an indentation stack, tabs to
 * the next multiple of 8, implicit joining inside brackets, backslash
 * continuation, string and number literals.  Problems become ERROR tokens
 * in the stream so the parser can report them at the right statement and
 * carry on with the next one.
 */

#pragma once

#include <glib.h>

#include "cs-ast.h"

G_BEGIN_DECLS

/* A bump allocator that owns every node and string of a CsProgram. */
typedef struct _CsPool CsPool;

CsPool  *cs_pool_new     (void);
void     cs_pool_free    (CsPool     *pool);
gpointer cs_pool_alloc   (CsPool     *pool,
                          gsize       size);
char    *cs_pool_strndup (CsPool     *pool,
                          const char *str,
                          gsize       len);
gpointer cs_pool_memdup  (CsPool       *pool,
                          gconstpointer mem,
                          gsize         size);

typedef enum
{
  CS_TOK_EOF,
  CS_TOK_NEWLINE,
  CS_TOK_INDENT,
  CS_TOK_DEDENT,
  CS_TOK_ERROR,
  CS_TOK_NAME,
  CS_TOK_INT,
  CS_TOK_FLOAT,
  CS_TOK_IMAG,
  CS_TOK_STRING,

  /* Operators and delimiters. */
  CS_TOK_LPAR,
  CS_TOK_RPAR,
  CS_TOK_LSQB,
  CS_TOK_RSQB,
  CS_TOK_LBRACE,
  CS_TOK_RBRACE,
  CS_TOK_COLON,
  CS_TOK_COMMA,
  CS_TOK_SEMI,
  CS_TOK_PLUS,
  CS_TOK_MINUS,
  CS_TOK_STAR,
  CS_TOK_SLASH,
  CS_TOK_VBAR,
  CS_TOK_AMPER,
  CS_TOK_LESS,
  CS_TOK_GREATER,
  CS_TOK_EQUAL,
  CS_TOK_DOT,
  CS_TOK_PERCENT,
  CS_TOK_TILDE,
  CS_TOK_CIRCUMFLEX,
  CS_TOK_AT,
  CS_TOK_EQEQUAL,
  CS_TOK_NOTEQUAL,
  CS_TOK_LESSEQUAL,
  CS_TOK_GREATEREQUAL,
  CS_TOK_LEFTSHIFT,
  CS_TOK_RIGHTSHIFT,
  CS_TOK_DOUBLESTAR,
  CS_TOK_DOUBLESLASH,
  CS_TOK_PLUSEQUAL,
  CS_TOK_MINEQUAL,
  CS_TOK_STAREQUAL,
  CS_TOK_SLASHEQUAL,
  CS_TOK_PERCENTEQUAL,
  CS_TOK_AMPEREQUAL,
  CS_TOK_VBAREQUAL,
  CS_TOK_CIRCUMFLEXEQUAL,
  CS_TOK_LEFTSHIFTEQUAL,
  CS_TOK_RIGHTSHIFTEQUAL,
  CS_TOK_DOUBLESTAREQUAL,
  CS_TOK_DOUBLESLASHEQUAL,
  CS_TOK_ATEQUAL,
  CS_TOK_RARROW,
  CS_TOK_ELLIPSIS,
  CS_TOK_COLONEQUAL,

  /* Keywords. */
  CS_TOK_FALSE,
  CS_TOK_NONE,
  CS_TOK_TRUE,
  CS_TOK_AND,
  CS_TOK_AS,
  CS_TOK_ASSERT,
  CS_TOK_ASYNC,
  CS_TOK_AWAIT,
  CS_TOK_BREAK,
  CS_TOK_CLASS,
  CS_TOK_CONTINUE,
  CS_TOK_DEF,
  CS_TOK_DEL,
  CS_TOK_ELIF,
  CS_TOK_ELSE,
  CS_TOK_EXCEPT,
  CS_TOK_FINALLY,
  CS_TOK_FOR,
  CS_TOK_FROM,
  CS_TOK_GLOBAL,
  CS_TOK_IF,
  CS_TOK_IMPORT,
  CS_TOK_IN,
  CS_TOK_IS,
  CS_TOK_LAMBDA,
  CS_TOK_NONLOCAL,
  CS_TOK_NOT,
  CS_TOK_OR,
  CS_TOK_PASS,
  CS_TOK_RAISE,
  CS_TOK_RETURN,
  CS_TOK_TRY,
  CS_TOK_WHILE,
  CS_TOK_WITH,
  CS_TOK_YIELD,

  CS_TOK_N_KINDS
} CsTokenKind;

/* CS_TOK_STRING flags (string prefixes). */
#define CS_STR_RAW     (1u << 0)
#define CS_STR_BYTES   (1u << 1)
#define CS_STR_FORMAT  (1u << 2)
/* CS_TOK_INT: the literal does not fit in a gint64. */
#define CS_INT_TOO_LARGE (1u << 3)
/* CS_TOK_ERROR: CPython would report this error rather than any parse
 * error found earlier in the same statement ("'(' was never closed"). */
#define CS_ERR_PREEMPT (1u << 4)
/* CS_TOK_STRING: the literal contains an escape Copyscope cannot represent
 * (\N{...}, lone surrogates); text holds the message. */
#define CS_STR_UNSUPPORTED (1u << 5)

typedef struct
{
  CsTokenKind kind;
  guint       flags;
  CsSpan      span;
  /* NAME: the identifier.  STRING: the decoded value (UTF-8, may hold
   * NULs), or the raw body for bytes and f-strings.  ERROR: the message. */
  const char *text;
  gsize       len;
  union {
    gint64 int_value;
    double float_value;
    struct {
      CsParseErrorKind kind;
      guint            line;
      guint            column;
    } error;
  };
} CsToken;

/* A comment; "alone" when nothing but blanks precede it on its line. */
typedef struct
{
  guint       line;
  gboolean    alone;
  const char *text;      /* from the '#' to the end of the line */
  gsize       len;
} CsComment;

typedef struct
{
  CsToken   *tokens;     /* always ends with one CS_TOK_EOF */
  guint      n_tokens;
  CsComment *comments;
  guint      n_comments;
} CsTokens;

/* Tokenizes @source (@len bytes, valid UTF-8 with "\n" line ends and a NUL
 * at source[len]).  Strings live in @pool; the token and comment arrays are
 * plain g_malloc memory the caller releases with cs_tokens_clear().
 */
void        cs_lex                (CsPool      *pool,
                                   const char  *source,
                                   gsize        len,
                                   CsTokens    *out);
void        cs_tokens_clear       (CsTokens    *tokens);

/* Tokenizes source[start..end) as the inside of brackets (an f-string
 * field): line breaks are blanks and no NEWLINE/INDENT/DEDENT is made.
 * @line and @column are the position of @start; spans stay offsets into
 * @source. */
void        cs_lex_fragment       (CsPool      *pool,
                                   const char  *source,
                                   gsize        start,
                                   gsize        end,
                                   guint        line,
                                   guint        column,
                                   CsTokens    *out);

/* Decodes the backslash escapes of a str literal body as CPython does.
 * Returns NULL and sets *error (g_free it) on a bad escape, with
 * *unsupported TRUE for escapes Copyscope cannot represent. */
char       *cs_lex_decode_escapes (CsPool      *pool,
                                   const char  *body,
                                   gsize        len,
                                   gsize       *out_len,
                                   char       **error,
                                   gboolean    *unsupported);

const char *cs_token_kind_to_string (CsTokenKind kind);

#define CS_LEX_MAX_PAREN_DEPTH  200
#define CS_LEX_MAX_INDENT_DEPTH 100
/* After this many errors the lexer stops: the rest is one more error. */
#define CS_LEX_MAX_ERRORS       1000

G_END_DECLS
