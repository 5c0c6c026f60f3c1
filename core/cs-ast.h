/* cs-ast.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The syntax tree of the Python subset Copyscope runs.  The parser
 * (cs-parser.c) builds it; the interpreter (cs-interp.c) walks it.  Every
 * node and every string hangs off its CsProgram, which frees them all at
 * once, so nodes are plain structs with borrowed pointers.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A range of source text.  Lines and columns are 1-based; columns count
 * Unicode characters (as an editor shows them), start/end are byte offsets
 * into CsProgram.source with end exclusive.
 */
typedef struct
{
  guint line;
  guint column;
  guint end_line;
  guint end_column;
  gsize start;
  gsize end;
} CsSpan;

typedef struct _CsExpr CsExpr;
typedef struct _CsStmt CsStmt;

typedef enum
{
  CS_EXPR_NAME,
  CS_EXPR_INT,
  CS_EXPR_FLOAT,
  CS_EXPR_STR,
  CS_EXPR_BOOL,
  CS_EXPR_NONE,
  CS_EXPR_ELLIPSIS,
  CS_EXPR_LIST,
  CS_EXPR_TUPLE,
  CS_EXPR_DICT,
  CS_EXPR_LISTCOMP,
  CS_EXPR_ATTR,
  CS_EXPR_CALL,
  CS_EXPR_SUBSCRIPT,
  CS_EXPR_SLICE,      /* only as a subscript index or inside its tuple */
  CS_EXPR_UNARY,
  CS_EXPR_BINARY,
  CS_EXPR_COMPARE,
  CS_EXPR_BOOLOP,
  CS_EXPR_IFEXP,
  /* Added by the parser owner; kinds only ever go at the end. */
  CS_EXPR_FSTRING,    /* f"..": fstring.values are STR parts and FORMATTED fields */
  CS_EXPR_FORMATTED,  /* one {value!conversion:format_spec} field of an FSTRING */
  CS_EXPR_GENEXP,     /* (elt for ...) as the sole argument of a call; uses comp */
  CS_EXPR_LAMBDA,     /* lambda params: body; lambda.def is a DEF named "<lambda>" returning body */
  CS_EXPR_DICTCOMP,   /* {key: value for ...}: comp.elt is the key, comp.value the value */
} CsExprKind;

typedef enum
{
  CS_UNARY_NEG,
  CS_UNARY_POS,
  CS_UNARY_NOT,
  CS_UNARY_INVERT,
} CsUnaryOp;

typedef enum
{
  CS_BIN_ADD,
  CS_BIN_SUB,
  CS_BIN_MUL,
  CS_BIN_DIV,
  CS_BIN_FLOORDIV,
  CS_BIN_MOD,
  CS_BIN_POW,
  CS_BIN_MATMUL,
  CS_BIN_AND,       /* & */
  CS_BIN_OR,        /* | */
  CS_BIN_XOR,       /* ^ */
  CS_BIN_LSHIFT,
  CS_BIN_RSHIFT,
} CsBinOp;

typedef enum
{
  CS_CMP_EQ,
  CS_CMP_NE,
  CS_CMP_LT,
  CS_CMP_LE,
  CS_CMP_GT,
  CS_CMP_GE,
  CS_CMP_IS,
  CS_CMP_IS_NOT,
  CS_CMP_IN,
  CS_CMP_NOT_IN,
} CsCmpOp;

typedef enum
{
  CS_BOOL_AND,
  CS_BOOL_OR,
} CsBoolOp;

/* One "for TARGET in ITER if COND ..." clause of a comprehension. */
typedef struct
{
  CsExpr  *target;     /* NAME or TUPLE of names */
  CsExpr  *iter;
  CsExpr **ifs;
  guint    n_ifs;
} CsComprehension;

struct _CsExpr
{
  CsExprKind kind;
  CsSpan     span;
  union {
    struct { const char *id; } name;
    gint64 int_value;
    double float_value;
    struct { const char *data; gsize len; } str;   /* decoded UTF-8, may hold NULs */
    gboolean bool_value;
    struct { CsExpr **items; guint n_items; } seq;  /* LIST, TUPLE */
    struct { CsExpr **keys; CsExpr **values; guint n_items; } dict;
    struct { CsExpr *elt; CsComprehension *gens; guint n_gens; CsExpr *value; } comp;
    struct { CsStmt *def; } lambda;
    struct { CsExpr *value; const char *attr; } attr;
    struct {
      CsExpr      *func;
      CsExpr     **args;
      guint        n_args;
      const char **kw_names;
      CsExpr     **kw_values;
      guint        n_kw;
    } call;
    struct { CsExpr *value; CsExpr *index; } subscript;  /* index: any expr, SLICE, or TUPLE */
    struct { CsExpr *lower; CsExpr *upper; CsExpr *step; } slice;  /* NULL when omitted */
    struct { CsUnaryOp op; CsExpr *operand; } unary;
    struct { CsBinOp op; CsExpr *left; CsExpr *right; } binary;
    struct { CsExpr *left; CsCmpOp *ops; CsExpr **comparators; guint n_ops; } compare;
    struct { CsBoolOp op; CsExpr **values; guint n_values; } boolop;
    struct { CsExpr *test; CsExpr *body; CsExpr *orelse; } ifexp;
    struct { CsExpr **values; guint n_values; } fstring;
    /* conversion: 0 (none), 's', 'r' or 'a'; format_spec: NULL or an FSTRING.
     * "{x=}" comes as a STR part "x=" then a field with conversion 'r'. */
    struct { CsExpr *value; int conversion; CsExpr *format_spec; } formatted;
  };
};

typedef struct
{
  CsStmt **stmts;
  guint    n_stmts;
} CsBlock;

typedef struct
{
  const char *name;     /* dotted for "import a.b" */
  const char *asname;   /* NULL when absent */
  CsSpan      span;
} CsImportAlias;

typedef struct
{
  CsExpr *context;
  CsExpr *target;       /* NULL when there is no "as" */
} CsWithItem;

typedef enum
{
  CS_STMT_EXPR,
  CS_STMT_ASSIGN,
  CS_STMT_AUGASSIGN,
  CS_STMT_DEL,
  CS_STMT_IMPORT,
  CS_STMT_IMPORT_FROM,
  CS_STMT_PASS,
  CS_STMT_BREAK,
  CS_STMT_CONTINUE,
  CS_STMT_FOR,
  CS_STMT_WHILE,
  CS_STMT_WITH,
  CS_STMT_IF,
  CS_STMT_DEF,
  CS_STMT_RETURN,
  CS_STMT_GLOBAL,
  /* A top-level statement that could not be parsed or that uses a
   * construct outside the subset.  It runs as a step that raises. */
  CS_STMT_ERROR,
  /* Added by the interpreter owner; kinds only ever go at the end. */
  CS_STMT_TRY,
  CS_STMT_RAISE,
  CS_STMT_ASSERT,
} CsStmtKind;

/* One "except [TYPE [as NAME]]:" clause of a try statement. */
typedef struct
{
  CsExpr     *type;      /* NULL for a bare "except:" */
  const char *name;      /* NULL when there is no "as" */
  CsBlock     body;
  CsSpan      span;      /* the "except" line */
} CsExceptHandler;

typedef enum
{
  CS_SYNTAX_ERROR,       /* Python would reject it too: "SyntaxError" */
  CS_INDENTATION_ERROR,  /* "IndentationError" */
  CS_UNSUPPORTED,        /* valid Python that Copyscope does not model */
} CsParseErrorKind;

struct _CsStmt
{
  CsStmtKind  kind;
  CsSpan      span;      /* the whole statement, first to last character */
  const char *caption;   /* top level only: the comment block directly above, or NULL */
  union {
    struct { CsExpr *value; } expr;
    struct { CsExpr **targets; guint n_targets; CsExpr *value; } assign;  /* a = b = value */
    struct { CsExpr *target; CsBinOp op; CsExpr *value; } augassign;
    struct { CsExpr **targets; guint n_targets; } del;
    struct { CsImportAlias *names; guint n_names; } import;
    struct { const char *module; CsImportAlias *names; guint n_names; } import_from;
    struct { CsExpr *target; CsExpr *iter; CsBlock body; CsBlock orelse; } for_;
    struct { CsExpr *test; CsBlock body; CsBlock orelse; } while_;
    struct { CsWithItem *items; guint n_items; CsBlock body; } with;
    struct { CsExpr *test; CsBlock body; CsBlock orelse; } if_;  /* elif: orelse holds one IF */
    struct {
      const char  *name;
      const char **params;
      guint        n_params;
      CsExpr     **defaults;    /* for the last n_defaults params */
      guint        n_defaults;
      CsBlock      body;
    } def;
    struct { CsExpr *value; } return_;   /* value NULL for a bare return */
    struct { const char **names; guint n_names; } global;
    struct {
      CsBlock          body;
      CsExceptHandler *handlers;
      guint            n_handlers;
      CsBlock          orelse;
      CsBlock          finalbody;
    } try_;
    struct { CsExpr *exc; CsExpr *cause; } raise;   /* exc NULL: bare "raise" */
    struct { CsExpr *test; CsExpr *msg; } assert_;  /* msg NULL when absent */
    struct {
      CsParseErrorKind kind;
      const char      *message;  /* e.g. "invalid syntax", "'class' statements are not supported" */
      guint            line;     /* where the problem is (may differ from span.line) */
      guint            column;
    } error;
  };
};

/* A parsed scenario.  Parsing never fails as a whole: statements that do
 * not parse become CS_STMT_ERROR steps and the rest still runs.
 */
typedef struct
{
  char       *filename;  /* for messages; basename as given */
  char       *source;    /* NUL-terminated UTF-8 copy of the text */
  gsize       source_len;
  const char *title;     /* from "# title:" in the first comment lines, or NULL */
  CsBlock     body;      /* top-level statements, one step each */
  gpointer    pool;      /* private: owns every node and string */
} CsProgram;

G_END_DECLS
