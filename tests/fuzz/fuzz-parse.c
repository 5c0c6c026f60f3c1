/* fuzz-parse.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for cs_program_parse(): any bytes must give a program
 * whose tree keeps the invariants the interpreter relies on (no NULL where
 * a child is required, non-empty blocks, spans inside the source on
 * character boundaries, top-level statements in order).  A broken
 * invariant aborts, which libFuzzer reports as a crash.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-parser.h"

#define CHECK(cond) \
  G_STMT_START { if (!(cond)) { fprintf (stderr, "invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); abort (); } } G_STMT_END

static const CsProgram *program;

static void check_expr  (const CsExpr *e,
                         guint         depth);
static void check_block (const CsBlock *block,
                         gboolean       may_be_empty,
                         guint          depth);

static void
check_span (const CsSpan *span)
{
  CHECK (span->start <= span->end);
  CHECK (span->end <= program->source_len);
  CHECK (span->line >= 1 && span->column >= 1);
  CHECK (span->end_line >= span->line);
  /* Both ends on character boundaries. */
  CHECK (span->start == program->source_len || ((guchar) program->source[span->start] & 0xC0) != 0x80);
  CHECK (span->end == program->source_len || ((guchar) program->source[span->end] & 0xC0) != 0x80);
}

static void
check_exprs (CsExpr *const *items,
             guint          n,
             guint          depth)
{
  guint i;

  CHECK (n == 0 || items != NULL);
  for (i = 0; i < n; i++)
    check_expr (items[i], depth);
}

static void
check_target (const CsExpr *e)
{
  guint i;

  switch (e->kind)
    {
    case CS_EXPR_NAME:
    case CS_EXPR_ATTR:
    case CS_EXPR_SUBSCRIPT:
      return;
    case CS_EXPR_TUPLE:
    case CS_EXPR_LIST:
      for (i = 0; i < e->seq.n_items; i++)
        check_target (e->seq.items[i]);
      return;
    default:
      CHECK (!"assignment target of a kind that cannot be assigned");
    }
}

static void
check_expr (const CsExpr *e,
            guint         depth)
{
  guint i;

  CHECK (e != NULL);
  CHECK (depth < 10000);
  check_span (&e->span);

  switch (e->kind)
    {
    case CS_EXPR_NAME:
      CHECK (e->name.id != NULL && e->name.id[0] != '\0');
      break;
    case CS_EXPR_STR:
      CHECK (e->str.data != NULL);
      CHECK (g_utf8_validate_len (e->str.data, e->str.len, NULL) ||
             memchr (e->str.data, '\0', e->str.len) != NULL);
      break;
    case CS_EXPR_INT:
    case CS_EXPR_FLOAT:
    case CS_EXPR_BOOL:
    case CS_EXPR_NONE:
    case CS_EXPR_ELLIPSIS:
      break;
    case CS_EXPR_LIST:
    case CS_EXPR_TUPLE:
      check_exprs (e->seq.items, e->seq.n_items, depth + 1);
      break;
    case CS_EXPR_DICT:
      check_exprs (e->dict.keys, e->dict.n_items, depth + 1);
      check_exprs (e->dict.values, e->dict.n_items, depth + 1);
      break;
    case CS_EXPR_LISTCOMP:
      check_expr (e->comp.elt, depth + 1);
      CHECK (e->comp.n_gens >= 1 && e->comp.gens != NULL);
      for (i = 0; i < e->comp.n_gens; i++)
        {
          check_expr (e->comp.gens[i].target, depth + 1);
          check_target (e->comp.gens[i].target);
          check_expr (e->comp.gens[i].iter, depth + 1);
          check_exprs (e->comp.gens[i].ifs, e->comp.gens[i].n_ifs, depth + 1);
        }
      break;
    case CS_EXPR_ATTR:
      check_expr (e->attr.value, depth + 1);
      CHECK (e->attr.attr != NULL);
      break;
    case CS_EXPR_CALL:
      check_expr (e->call.func, depth + 1);
      check_exprs (e->call.args, e->call.n_args, depth + 1);
      check_exprs (e->call.kw_values, e->call.n_kw, depth + 1);
      for (i = 0; i < e->call.n_kw; i++)
        CHECK (e->call.kw_names[i] != NULL);
      break;
    case CS_EXPR_SUBSCRIPT:
      check_expr (e->subscript.value, depth + 1);
      check_expr (e->subscript.index, depth + 1);
      break;
    case CS_EXPR_SLICE:
      if (e->slice.lower)
        check_expr (e->slice.lower, depth + 1);
      if (e->slice.upper)
        check_expr (e->slice.upper, depth + 1);
      if (e->slice.step)
        check_expr (e->slice.step, depth + 1);
      break;
    case CS_EXPR_UNARY:
      CHECK (e->unary.op <= CS_UNARY_INVERT);
      check_expr (e->unary.operand, depth + 1);
      break;
    case CS_EXPR_BINARY:
      CHECK (e->binary.op <= CS_BIN_RSHIFT);
      check_expr (e->binary.left, depth + 1);
      check_expr (e->binary.right, depth + 1);
      break;
    case CS_EXPR_COMPARE:
      CHECK (e->compare.n_ops >= 1);
      check_expr (e->compare.left, depth + 1);
      check_exprs (e->compare.comparators, e->compare.n_ops, depth + 1);
      for (i = 0; i < e->compare.n_ops; i++)
        CHECK (e->compare.ops[i] <= CS_CMP_NOT_IN);
      break;
    case CS_EXPR_BOOLOP:
      CHECK (e->boolop.n_values >= 2);
      check_exprs (e->boolop.values, e->boolop.n_values, depth + 1);
      break;
    case CS_EXPR_IFEXP:
      check_expr (e->ifexp.test, depth + 1);
      check_expr (e->ifexp.body, depth + 1);
      check_expr (e->ifexp.orelse, depth + 1);
      break;
    case CS_EXPR_FSTRING:
      check_exprs (e->fstring.values, e->fstring.n_values, depth + 1);
      for (i = 0; i < e->fstring.n_values; i++)
        CHECK (e->fstring.values[i]->kind == CS_EXPR_STR ||
               e->fstring.values[i]->kind == CS_EXPR_FORMATTED);
      break;
    case CS_EXPR_FORMATTED:
      check_expr (e->formatted.value, depth + 1);
      CHECK (e->formatted.conversion == 0 || e->formatted.conversion == 's' ||
             e->formatted.conversion == 'r' || e->formatted.conversion == 'a');
      if (e->formatted.format_spec != NULL)
        {
          CHECK (e->formatted.format_spec->kind == CS_EXPR_FSTRING);
          check_expr (e->formatted.format_spec, depth + 1);
        }
      break;
    case CS_EXPR_GENEXP:
      check_expr (e->comp.elt, depth + 1);
      CHECK (e->comp.n_gens >= 1 && e->comp.gens != NULL);
      for (i = 0; i < e->comp.n_gens; i++)
        {
          check_expr (e->comp.gens[i].target, depth + 1);
          check_target (e->comp.gens[i].target);
          check_expr (e->comp.gens[i].iter, depth + 1);
          check_exprs (e->comp.gens[i].ifs, e->comp.gens[i].n_ifs, depth + 1);
        }
      break;
    default:
      CHECK (!"unknown expression kind");
    }
}

static void
check_stmt (const CsStmt *s,
            guint         depth)
{
  guint i;

  CHECK (s != NULL);
  CHECK (depth < 1000);
  check_span (&s->span);

  switch (s->kind)
    {
    case CS_STMT_EXPR:
      check_expr (s->expr.value, depth + 1);
      break;
    case CS_STMT_ASSIGN:
      CHECK (s->assign.n_targets >= 1);
      check_exprs (s->assign.targets, s->assign.n_targets, depth + 1);
      for (i = 0; i < s->assign.n_targets; i++)
        check_target (s->assign.targets[i]);
      check_expr (s->assign.value, depth + 1);
      break;
    case CS_STMT_AUGASSIGN:
      check_expr (s->augassign.target, depth + 1);
      CHECK (s->augassign.target->kind == CS_EXPR_NAME || s->augassign.target->kind == CS_EXPR_ATTR ||
             s->augassign.target->kind == CS_EXPR_SUBSCRIPT);
      check_expr (s->augassign.value, depth + 1);
      break;
    case CS_STMT_DEL:
      CHECK (s->del.n_targets >= 1);
      check_exprs (s->del.targets, s->del.n_targets, depth + 1);
      for (i = 0; i < s->del.n_targets; i++)
        check_target (s->del.targets[i]);
      break;
    case CS_STMT_IMPORT:
      CHECK (s->import.n_names >= 1);
      for (i = 0; i < s->import.n_names; i++)
        CHECK (s->import.names[i].name != NULL);
      break;
    case CS_STMT_IMPORT_FROM:
      CHECK (s->import_from.module != NULL && s->import_from.n_names >= 1);
      for (i = 0; i < s->import_from.n_names; i++)
        CHECK (s->import_from.names[i].name != NULL);
      break;
    case CS_STMT_PASS:
    case CS_STMT_BREAK:
    case CS_STMT_CONTINUE:
      break;
    case CS_STMT_FOR:
      check_expr (s->for_.target, depth + 1);
      check_target (s->for_.target);
      check_expr (s->for_.iter, depth + 1);
      check_block (&s->for_.body, FALSE, depth + 1);
      check_block (&s->for_.orelse, TRUE, depth + 1);
      break;
    case CS_STMT_WHILE:
      check_expr (s->while_.test, depth + 1);
      check_block (&s->while_.body, FALSE, depth + 1);
      check_block (&s->while_.orelse, TRUE, depth + 1);
      break;
    case CS_STMT_WITH:
      CHECK (s->with.n_items >= 1);
      for (i = 0; i < s->with.n_items; i++)
        {
          check_expr (s->with.items[i].context, depth + 1);
          if (s->with.items[i].target != NULL)
            {
              check_expr (s->with.items[i].target, depth + 1);
              check_target (s->with.items[i].target);
            }
        }
      check_block (&s->with.body, FALSE, depth + 1);
      break;
    case CS_STMT_IF:
      check_expr (s->if_.test, depth + 1);
      check_block (&s->if_.body, FALSE, depth + 1);
      check_block (&s->if_.orelse, TRUE, depth + 1);
      break;
    case CS_STMT_DEF:
      CHECK (s->def.name != NULL);
      CHECK (s->def.n_defaults <= s->def.n_params);
      for (i = 0; i < s->def.n_params; i++)
        CHECK (s->def.params[i] != NULL);
      check_exprs (s->def.defaults, s->def.n_defaults, depth + 1);
      check_block (&s->def.body, FALSE, depth + 1);
      break;
    case CS_STMT_RETURN:
      if (s->return_.value != NULL)
        check_expr (s->return_.value, depth + 1);
      break;
    case CS_STMT_GLOBAL:
      CHECK (s->global.n_names >= 1);
      for (i = 0; i < s->global.n_names; i++)
        CHECK (s->global.names[i] != NULL);
      break;
    case CS_STMT_ERROR:
      CHECK (depth == 0);
      CHECK (s->error.message != NULL && s->error.message[0] != '\0');
      CHECK (s->error.kind <= CS_UNSUPPORTED);
      CHECK (s->error.line >= 1 && s->error.column >= 1);
      break;
    default:
      CHECK (!"unknown statement kind");
    }
}

static void
check_block (const CsBlock *block,
             gboolean       may_be_empty,
             guint          depth)
{
  guint i;

  CHECK (may_be_empty || block->n_stmts >= 1);
  CHECK (block->n_stmts == 0 || block->stmts != NULL);
  for (i = 0; i < block->n_stmts; i++)
    check_stmt (block->stmts[i], depth);
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (CsProgram) parsed = cs_program_parse ("fuzz.py", (const char *) data, size);
  gsize previous_end = 0;
  guint i;

  program = parsed;
  CHECK (parsed != NULL);
  CHECK (parsed->source != NULL && parsed->source[parsed->source_len] == '\0');
  CHECK (g_utf8_validate (parsed->source, parsed->source_len, NULL));

  for (i = 0; i < parsed->body.n_stmts; i++)
    {
      const CsStmt *s = parsed->body.stmts[i];

      check_stmt (s, 0);
      /* Steps come in file order and never overlap. */
      CHECK (s->span.start >= previous_end);
      previous_end = s->span.end;
      if (s->caption != NULL)
        CHECK (g_utf8_validate (s->caption, -1, NULL));
    }
  if (parsed->title != NULL)
    CHECK (g_utf8_validate (parsed->title, -1, NULL));

  program = NULL;
  return 0;
}
