/* test-parser.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected error messages and positions are CPython 3.11's
 * (compile(source, "t.py", "exec") on Debian 12's python3).  The expected
 * statement lines and source texts are what FACTS.md's recorder takes from
 * ast.parse() + ast.get_source_segment().
 */

#include "config.h"

#include <string.h>

#include "cs-parser.h"

/* ------------------------------------------------------------------------
 * An s-expression printer for the tree
 * ------------------------------------------------------------------------ */

static void dump_expr  (GString      *out,
                        const CsExpr *e);
static void dump_block (GString       *out,
                        const CsBlock *block);

static const char *
binop_name (CsBinOp op)
{
  static const char * const names[] = {
    "+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>",
  };
  return names[op];
}

static const char *
cmpop_name (CsCmpOp op)
{
  static const char * const names[] = {
    "==", "!=", "<", "<=", ">", ">=", "is", "is-not", "in", "not-in",
  };
  return names[op];
}

static void
dump_opt (GString      *out,
          const CsExpr *e)
{
  if (e == NULL)
    g_string_append_c (out, '_');
  else
    dump_expr (out, e);
}

static void
dump_exprs (GString       *out,
            CsExpr *const *items,
            guint          n)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      g_string_append_c (out, ' ');
      dump_expr (out, items[i]);
    }
}

/* The " (for TARGET ITER (if ...))" clauses of a comprehension. */
static void
dump_gens (GString      *out,
           const CsExpr *e)
{
  for (guint i = 0; i < e->comp.n_gens; i++)
    {
      const CsComprehension *gen = &e->comp.gens[i];

      g_string_append (out, " (for ");
      dump_expr (out, gen->target);
      g_string_append_c (out, ' ');
      dump_expr (out, gen->iter);
      if (gen->n_ifs > 0)
        {
          g_string_append (out, " (if");
          dump_exprs (out, gen->ifs, gen->n_ifs);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
    }
}

static void
dump_expr (GString      *out,
           const CsExpr *e)
{
  guint i;

  switch (e->kind)
    {
    case CS_EXPR_NAME:
      g_string_append (out, e->name.id);
      break;
    case CS_EXPR_INT:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, e->int_value);
      break;
    case CS_EXPR_FLOAT:
      g_string_append_printf (out, "%gf", e->float_value);
      break;
    case CS_EXPR_STR:
      {
        g_autofree char *esc = g_strescape (e->str.data, NULL);

        g_string_append_printf (out, "'%s'", esc);
      }
      break;
    case CS_EXPR_BOOL:
      g_string_append (out, e->bool_value ? "True" : "False");
      break;
    case CS_EXPR_NONE:
      g_string_append (out, "None");
      break;
    case CS_EXPR_ELLIPSIS:
      g_string_append (out, "...");
      break;
    case CS_EXPR_LIST:
    case CS_EXPR_TUPLE:
      g_string_append (out, e->kind == CS_EXPR_LIST ? "(list" : "(tuple");
      dump_exprs (out, e->seq.items, e->seq.n_items);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_DICT:
      g_string_append (out, "(dict");
      for (i = 0; i < e->dict.n_items; i++)
        {
          g_string_append (out, " (");
          dump_expr (out, e->dict.keys[i]);
          g_string_append_c (out, ' ');
          dump_expr (out, e->dict.values[i]);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_LISTCOMP:
      g_string_append (out, "(listcomp ");
      dump_expr (out, e->comp.elt);
      dump_gens (out, e);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_ATTR:
      g_string_append (out, "(. ");
      dump_expr (out, e->attr.value);
      g_string_append_printf (out, " %s)", e->attr.attr);
      break;
    case CS_EXPR_CALL:
      g_string_append (out, "(call ");
      dump_expr (out, e->call.func);
      dump_exprs (out, e->call.args, e->call.n_args);
      for (i = 0; i < e->call.n_kw; i++)
        {
          g_string_append_printf (out, " (%s= ", e->call.kw_names[i]);
          dump_expr (out, e->call.kw_values[i]);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_SUBSCRIPT:
      g_string_append (out, "([] ");
      dump_expr (out, e->subscript.value);
      g_string_append_c (out, ' ');
      dump_expr (out, e->subscript.index);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_SLICE:
      g_string_append (out, "(slice ");
      dump_opt (out, e->slice.lower);
      g_string_append_c (out, ' ');
      dump_opt (out, e->slice.upper);
      g_string_append_c (out, ' ');
      dump_opt (out, e->slice.step);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_UNARY:
      {
        static const char * const names[] = { "neg", "pos", "not", "inv" };

        g_string_append_printf (out, "(%s ", names[e->unary.op]);
        dump_expr (out, e->unary.operand);
        g_string_append_c (out, ')');
      }
      break;
    case CS_EXPR_BINARY:
      g_string_append_printf (out, "(%s ", binop_name (e->binary.op));
      dump_expr (out, e->binary.left);
      g_string_append_c (out, ' ');
      dump_expr (out, e->binary.right);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_COMPARE:
      g_string_append (out, "(cmp ");
      dump_expr (out, e->compare.left);
      for (i = 0; i < e->compare.n_ops; i++)
        {
          g_string_append_printf (out, " %s ", cmpop_name (e->compare.ops[i]));
          dump_expr (out, e->compare.comparators[i]);
        }
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_BOOLOP:
      g_string_append (out, e->boolop.op == CS_BOOL_AND ? "(and" : "(or");
      dump_exprs (out, e->boolop.values, e->boolop.n_values);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_IFEXP:
      g_string_append (out, "(ifexp ");
      dump_expr (out, e->ifexp.test);
      g_string_append_c (out, ' ');
      dump_expr (out, e->ifexp.body);
      g_string_append_c (out, ' ');
      dump_expr (out, e->ifexp.orelse);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_FSTRING:
      g_string_append (out, "(fstr");
      dump_exprs (out, e->fstring.values, e->fstring.n_values);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_FORMATTED:
      g_string_append (out, "(fmt ");
      dump_expr (out, e->formatted.value);
      if (e->formatted.conversion != 0)
        g_string_append_printf (out, " !%c", e->formatted.conversion);
      if (e->formatted.format_spec != NULL)
        {
          g_string_append_c (out, ' ');
          dump_expr (out, e->formatted.format_spec);
        }
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_GENEXP:
      g_string_append (out, "(genexp ");
      dump_expr (out, e->comp.elt);
      for (i = 0; i < e->comp.n_gens; i++)
        {
          g_string_append (out, " (for ");
          dump_expr (out, e->comp.gens[i].target);
          g_string_append_c (out, ' ');
          dump_expr (out, e->comp.gens[i].iter);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_DICTCOMP:
      g_string_append (out, "(dictcomp ");
      dump_expr (out, e->comp.elt);
      g_string_append_c (out, ' ');
      dump_expr (out, e->comp.value);
      dump_gens (out, e);
      g_string_append_c (out, ')');
      break;
    case CS_EXPR_LAMBDA:
      {
        const CsStmt *def = e->lambda.def;

        g_string_append (out, "(lambda (");
        for (i = 0; i < def->def.n_params; i++)
          g_string_append_printf (out, "%s%s", i ? " " : "", def->def.params[i]);
        g_string_append (out, ") ");
        dump_expr (out, def->def.body.stmts[0]->return_.value);
        g_string_append_c (out, ')');
        break;
      }
    default:
      g_string_append (out, "(?)");
      break;
    }
}

static void
dump_aliases (GString             *out,
              const CsImportAlias *names,
              guint                n)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      if (names[i].asname != NULL)
        g_string_append_printf (out, " (%s %s)", names[i].name, names[i].asname);
      else
        g_string_append_printf (out, " %s", names[i].name);
    }
}

static void
dump_stmt (GString      *out,
           const CsStmt *s)
{
  guint i;

  switch (s->kind)
    {
    case CS_STMT_EXPR:
      dump_expr (out, s->expr.value);
      break;
    case CS_STMT_ASSIGN:
      g_string_append (out, "(=");
      dump_exprs (out, s->assign.targets, s->assign.n_targets);
      g_string_append_c (out, ' ');
      dump_expr (out, s->assign.value);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_AUGASSIGN:
      g_string_append_printf (out, "(%s= ", binop_name (s->augassign.op));
      dump_expr (out, s->augassign.target);
      g_string_append_c (out, ' ');
      dump_expr (out, s->augassign.value);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_DEL:
      g_string_append (out, "(del");
      dump_exprs (out, s->del.targets, s->del.n_targets);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_IMPORT:
      g_string_append (out, "(import");
      dump_aliases (out, s->import.names, s->import.n_names);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_IMPORT_FROM:
      g_string_append_printf (out, "(from %s", s->import_from.module);
      dump_aliases (out, s->import_from.names, s->import_from.n_names);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_PASS:
      g_string_append (out, "pass");
      break;
    case CS_STMT_BREAK:
      g_string_append (out, "break");
      break;
    case CS_STMT_CONTINUE:
      g_string_append (out, "continue");
      break;
    case CS_STMT_FOR:
      g_string_append (out, "(for ");
      dump_expr (out, s->for_.target);
      g_string_append_c (out, ' ');
      dump_expr (out, s->for_.iter);
      dump_block (out, &s->for_.body);
      if (s->for_.orelse.n_stmts > 0)
        dump_block (out, &s->for_.orelse);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_WHILE:
      g_string_append (out, "(while ");
      dump_expr (out, s->while_.test);
      dump_block (out, &s->while_.body);
      if (s->while_.orelse.n_stmts > 0)
        dump_block (out, &s->while_.orelse);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_WITH:
      g_string_append (out, "(with");
      for (i = 0; i < s->with.n_items; i++)
        {
          g_string_append (out, " (");
          dump_expr (out, s->with.items[i].context);
          g_string_append_c (out, ' ');
          dump_opt (out, s->with.items[i].target);
          g_string_append_c (out, ')');
        }
      dump_block (out, &s->with.body);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_IF:
      g_string_append (out, "(if ");
      dump_expr (out, s->if_.test);
      dump_block (out, &s->if_.body);
      if (s->if_.orelse.n_stmts > 0)
        dump_block (out, &s->if_.orelse);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_DEF:
      g_string_append_printf (out, "(def %s (", s->def.name);
      for (i = 0; i < s->def.n_params; i++)
        {
          guint first_default = s->def.n_params - s->def.n_defaults;

          if (i > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, s->def.params[i]);
          if (i >= first_default)
            {
              g_string_append_c (out, '=');
              dump_expr (out, s->def.defaults[i - first_default]);
            }
        }
      g_string_append_c (out, ')');
      dump_block (out, &s->def.body);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_RETURN:
      g_string_append (out, "(return ");
      dump_opt (out, s->return_.value);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_ASSERT:
      g_string_append (out, "(assert ");
      dump_expr (out, s->assert_.test);
      g_string_append_c (out, ' ');
      dump_opt (out, s->assert_.msg);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_RAISE:
      g_string_append (out, "(raise ");
      dump_opt (out, s->raise.exc);
      if (s->raise.cause)
        {
          g_string_append (out, " from ");
          dump_expr (out, s->raise.cause);
        }
      g_string_append_c (out, ')');
      break;
    case CS_STMT_TRY:
      g_string_append (out, "(try");
      dump_block (out, &s->try_.body);
      for (i = 0; i < s->try_.n_handlers; i++)
        {
          g_string_append (out, " (except ");
          dump_opt (out, s->try_.handlers[i].type);
          if (s->try_.handlers[i].name)
            g_string_append_printf (out, " as %s", s->try_.handlers[i].name);
          dump_block (out, &s->try_.handlers[i].body);
          g_string_append_c (out, ')');
        }
      if (s->try_.orelse.n_stmts > 0)
        {
          g_string_append (out, " (else");
          dump_block (out, &s->try_.orelse);
          g_string_append_c (out, ')');
        }
      if (s->try_.finalbody.n_stmts > 0)
        {
          g_string_append (out, " (finally");
          dump_block (out, &s->try_.finalbody);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ')');
      break;
    case CS_STMT_GLOBAL:
      g_string_append (out, "(global");
      for (i = 0; i < s->global.n_names; i++)
        g_string_append_printf (out, " %s", s->global.names[i]);
      g_string_append_c (out, ')');
      break;
    case CS_STMT_ERROR:
      {
        static const char * const kinds[] = { "SyntaxError", "IndentationError", "Unsupported" };

        g_string_append_printf (out, "(%s %u:%u %s)", kinds[s->error.kind],
                                s->error.line, s->error.column, s->error.message);
      }
      break;
    default:
      g_string_append (out, "(?)");
      break;
    }
}

static void
dump_block (GString       *out,
            const CsBlock *block)
{
  guint i;

  g_string_append (out, " {");
  for (i = 0; i < block->n_stmts; i++)
    {
      if (i > 0)
        g_string_append (out, "; ");
      dump_stmt (out, block->stmts[i]);
    }
  g_string_append_c (out, '}');
}

/* Every top-level statement on its own line. */
static char *
parse_to_string (const char *source)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < program->body.n_stmts; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      dump_stmt (out, program->body.stmts[i]);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------
 * Tree shapes
 * ------------------------------------------------------------------------ */

typedef struct
{
  const char *source;
  const char *tree;
} ParseCase;

static const ParseCase parse_cases[] = {
  /* Literals and atoms. */
  { "x", "x" },
  { "1, 2.5, 'a', True, False, None, ...", "(tuple 1 2.5f 'a' True False None ...)" },
  { "'a' 'b' \"c\"", "'abc'" },
  { "[]; [1]; [1, 2,]; (); (1,); (1); {}; {'a': 1, 2: [3],}",
    "(list)\n(list 1)\n(list 1 2)\n(tuple)\n(tuple 1)\n1\n(dict)\n(dict ('a' 1) (2 (list 3)))" },
  { "[[0] * 3 for _ in range(3)]", "(listcomp (* (list 0) 3) (for _ (call range 3)))" },
  { "[x * y for x, y in pairs if x if y > 0 for z in w]",
    "(listcomp (* x y) (for (tuple x y) pairs (if x (cmp y > 0))) (for z w))" },
  /* Precedence, as in CPython 3.11. */
  { "-2 ** 2", "(neg (** 2 2))" },
  { "2 ** -1", "(** 2 (neg 1))" },
  { "a ** b ** c", "(** a (** b c))" },
  { "a - b - c", "(- (- a b) c)" },
  { "a + b * c @ d // e % f / g",
    "(+ a (/ (% (// (@ (* b c) d) e) f) g))" },
  { "a | b ^ c & d << e + f", "(| a (^ b (& c (<< d (+ e f)))))" },
  { "~a >> -b", "(>> (inv a) (neg b))" },
  { "not a == b", "(not (cmp a == b))" },
  { "a and b or c and not d", "(or (and a b) (and c (not d)))" },
  { "a or b or c", "(or a b c)" },
  { "a < b <= c != d", "(cmp a < b <= c != d)" },
  { "a is not b, a not in b, a is b, a in b",
    "(tuple (cmp a is-not b) (cmp a not-in b) (cmp a is b) (cmp a in b))" },
  { "a if b else c if d else e", "(ifexp b a (ifexp d c e))" },
  { "x = a if b or c else -d", "(= x (ifexp (or b c) a (neg d)))" },
  /* Primaries. */
  { "a.b.c(1, x=2)[0]", "([] (call (. (. a b) c) 1 (x= 2)) 0)" },
  { "f()", "(call f)" },
  { "torch.tensor([1.0, 2], requires_grad=True,)",
    "(call (. torch tensor) (list 1f 2) (requires_grad= True))" },
  { "a[1:3]; a[::2]; a[:]; a[1:]; a[:-1]; a[::-1]",
    "([] a (slice 1 3 _))\n([] a (slice _ _ 2))\n([] a (slice _ _ _))\n([] a (slice 1 _ _))\n"
    "([] a (slice _ (neg 1) _))\n([] a (slice _ _ (neg 1)))" },
  { "a[:, 0]; a[..., 0]; x[None]; x[0, 1]; x[0,]",
    "([] a (tuple (slice _ _ _) 0))\n([] a (tuple ... 0))\n([] x None)\n([] x (tuple 0 1))\n"
    "([] x (tuple 0))" },
  { "a[1:, ::2]", "([] a (tuple (slice 1 _ _) (slice _ _ 2)))" },
  { "(w ** 2).sum().backward()", "(call (. (call (. (** w 2) sum)) backward))" },
  /* Statements. */
  { "a = b = [1]", "(= a b (list 1))" },
  { "a, b = b, a", "(= (tuple a b) (tuple b a))" },
  { "(a, b), [c, d] = x", "(= (tuple (tuple a b) (list c d)) x)" },
  { "x = 1,", "(= x (tuple 1))" },
  { "a[0][1] = x.y = 5", "(= ([] ([] a 0) 1) (. x y) 5)" },
  { "x += 1; y -= 2; z *= 3; w /= 4; v //= 5; u %= 6; t **= 7; s @= m",
    "(+= x 1)\n(-= y 2)\n(*= z 3)\n(/= w 4)\n(//= v 5)\n(%= u 6)\n(**= t 7)\n(@= s m)" },
  { "x &= 1; x |= 2; x ^= 3; x <<= 4; x >>= 5",
    "(&= x 1)\n(|= x 2)\n(^= x 3)\n(<<= x 4)\n(>>= x 5)" },
  { "x += 1, 2", "(+= x (tuple 1 2))" },
  { "del a, b[0], c.d", "(del a ([] b 0) (. c d))" },
  { "del (a, b)", "(del (tuple a b))" },
  { "import torch", "(import torch)" },
  { "import numpy as np, os.path, a.b as c", "(import (numpy np) os.path (a.b c))" },
  { "from copy import deepcopy", "(from copy deepcopy)" },
  { "from a.b import (c as d, e,)", "(from a.b (c d) e)" },
  { "pass", "pass" },
  { "global a, b", "(global a b)" },
  { "for x in y:\n    pass\n", "(for x y {pass})" },
  { "for i, (a, b) in enumerate(z): print(i); continue\nelse:\n  x = 1\n",
    "(for (tuple i (tuple a b)) (call enumerate z) {(call print i); continue} {(= x 1)})" },
  { "for x in 1, 2:\n  break", "(for x (tuple 1 2) {break})" },
  { "while x < 3:\n    x += 1\n    if x: break\nelse:\n    pass",
    "(while (cmp x < 3) {(+= x 1); (if x {break})} {pass})" },
  { "with torch.no_grad():\n    w -= 0.5\n", "(with ((call (. torch no_grad)) _) {(-= w 0.5f)})" },
  { "with a as b, c as (d, e), f:\n  pass", "(with (a b) (c (tuple d e)) (f _) {pass})" },
  { "if a:\n  x\nelif b:\n  y\nelif c: z\nelse:\n  w\n", "(if a {x} {(if b {y} {(if c {z} {w})})})" },
  { "if a:\n\n  # comment\n  x\n\n  y\n", "(if a {x; y})" },
  { "def f(a, b=1, c=[]):\n    return a, b\n", "(def f (a b=1 c=(list)) {(return (tuple a b))})" },
  { "def g():\n  return\n", "(def g () {(return _)})" },
  { "def h(x,):\n  global y\n  for i in x:\n    def k(): return i\n  y = x\n",
    "(def h (x) {(global y); (for i x {(def k () {(return i)})}); (= y x)})" },
  { "x = 1 \\\n  + 2", "(= x (+ 1 2))" },
  { "print(sum([1, 2]), sep='', end='\\n')",
    "(call print (call sum (list 1 2)) (sep= '') (end= '\\n'))" },
  { "match = 1\nmatch(x)\ncase = match", "(= match 1)\n(call match x)\n(= case match)" },
  { "x = 9223372036854775807", "(= x 9223372036854775807)" },
  { "x = 0xFF + 0o7 + 0b1 + 1_000", "(= x (+ (+ (+ 255 7) 1) 1000))" },
  /* f-strings, as CPython 3.11 splits them into JoinedStr parts. */
  { "f'a{x}b'", "(fstr 'a' (fmt x) 'b')" },
  { "f\"{y!r:>5}\"", "(fstr (fmt y !r (fstr '>5')))" },
  { "f'{x=}'", "(fstr 'x=' (fmt x !r))" },
  { "f'{x = :.2f}'", "(fstr 'x = ' (fmt x (fstr '.2f')))" },
  { "f'{x=!s}'", "(fstr 'x=' (fmt x !s))" },
  { "f'{{a}}'", "(fstr '{a}')" },
  { "f''", "(fstr)" },
  { "f'''\\\n{x}'''", "(fstr (fmt x))" },
  { "'a' f'{b}' 'c' f'd\\n'", "(fstr 'a' (fmt b) 'cd\\n')" },
  { "rf'\\d{x}'", "(fstr '\\\\d' (fmt x))" },
  { "f'{x:{w}.{p}f}'", "(fstr (fmt x (fstr (fmt w) '.' (fmt p) 'f')))" },
  { "f\"{a['k']:>{n}}\"", "(fstr (fmt ([] a 'k') (fstr '>' (fmt n))))" },
  { "f'{a, b}'", "(fstr (fmt (tuple a b)))" },
  { "f'{a != b} {c[1:2]} {d if e else g}'",
    "(fstr (fmt (cmp a != b)) ' ' (fmt ([] c (slice 1 2 _))) ' ' (fmt (ifexp e d g)))" },
  { "f'''{\n  x\n}'''", "(fstr (fmt x))" },
  { "print(f'{i}: {f\"{j}\"}')", "(call print (fstr (fmt i) ': ' (fmt (fstr (fmt j)))))" },
  /* A generator expression as the sole argument of a call. */
  { "sum(x * x for x in a)", "(call sum (genexp (* x x) (for x a)))" },
  { "max(v for k, v in d.items() if k)", "(call max (genexp v (for (tuple k v) (call (. d items)))))" },
  { "s = '情况1: 原变量'", "(= s '\\346\\203\\205\\345\\206\\2651: \\345\\216\\237\\345\\217\\230\\351\\207\\217')" },
};

static void
test_parse_case (gconstpointer data)
{
  const ParseCase *c = data;
  g_autofree char *got = parse_to_string (c->source);

  g_assert_cmpstr (got, ==, c->tree);
}

/* ------------------------------------------------------------------------
 * Errors: CPython 3.11's message, line and column
 * ------------------------------------------------------------------------ */

static const ParseCase error_cases[] = {
  { "f() = 1", "(SyntaxError 1:1 cannot assign to function call here. Maybe you meant '==' instead of '='?)" },
  { "1 = x", "(SyntaxError 1:1 cannot assign to literal here. Maybe you meant '==' instead of '='?)" },
  { "a + b = 1", "(SyntaxError 1:1 cannot assign to expression here. Maybe you meant '==' instead of '='?)" },
  { "None = 1", "(SyntaxError 1:1 cannot assign to None)" },
  { "(a, 1) = x", "(SyntaxError 1:5 cannot assign to literal)" },
  { "a = 1 = 2", "(SyntaxError 1:5 cannot assign to literal)" },
  { "f() += 1", "(SyntaxError 1:1 'function call' is an illegal expression for augmented assignment)" },
  { "a, b += 1", "(SyntaxError 1:1 'tuple' is an illegal expression for augmented assignment)" },
  { "del f()", "(SyntaxError 1:5 cannot delete function call)" },
  { "for f() in x:\n    pass\n", "(SyntaxError 1:5 cannot assign to function call)" },
  { "x = (1,\ny = 2\n", "(SyntaxError 1:5 '(' was never closed)" },
  { "x = [1, 2\n", "(SyntaxError 1:5 '[' was never closed)" },
  { "if x\n    y\n", "(SyntaxError 1:5 expected ':')" },
  { "for x in y:\nz\n",
    "(IndentationError 2:1 expected an indented block after 'for' statement on line 1)\nz" },
  { "def f():\nz\n", "(IndentationError 2:1 expected an indented block after function definition on line 1)\nz" },
  { "if x:\n    pass\nelse:\nz\n",
    "(IndentationError 4:1 expected an indented block after 'else' statement on line 3)\nz" },
  { "with a:\nb\n", "(IndentationError 2:1 expected an indented block after 'with' statement on line 1)\nb" },
  { "if x:\n        a\n    b\n",
    "(if x {a})\n(IndentationError 3:6 unindent does not match any outer indentation level)" },
  { "  x = 1\n", "(IndentationError 1:2 unexpected indent)" },
  { "x = 1\n    y = 2\n", "(= x 1)\n(IndentationError 2:4 unexpected indent)" },
  { "x = 'abc\n", "(SyntaxError 1:5 unterminated string literal (detected at line 1))" },
  { "x = )\n", "(SyntaxError 1:5 unmatched ')')" },
  { "x = (]\n", "(SyntaxError 1:6 closing parenthesis ']' does not match opening parenthesis '(')" },
  { "a b\n", "(SyntaxError 1:3 invalid syntax)" },
  { "x = $\n", "(SyntaxError 1:5 invalid syntax)" },
  { "x = 1 +\n", "(SyntaxError 1:8 invalid syntax)" },
  { "x = 5 6\n", "(SyntaxError 1:7 invalid syntax)" },
  { "x = [1,,2]\n", "(SyntaxError 1:8 invalid syntax)" },
  { "import\n", "(SyntaxError 1:7 invalid syntax)" },
  { "from x import\n", "(SyntaxError 1:14 invalid syntax)" },
  { "f(a=1, 2)\n", "(SyntaxError 1:8 positional argument follows keyword argument)" },
  { "f(a=1, a=2)\n", "(SyntaxError 1:8 keyword argument repeated: a)" },
  { "f(x.y=1)\n", "(SyntaxError 1:3 expression cannot contain assignment, perhaps you meant \"==\"?)" },
  { "def f(a=1, b): pass\n", "(SyntaxError 1:12 non-default argument follows default argument)" },
  { "def f(a, a): pass\n", "(SyntaxError 1:10 duplicate argument 'a' in function definition)" },
  { "break\n", "(SyntaxError 1:1 'break' outside loop)" },
  { "return 1\n", "(SyntaxError 1:1 'return' outside function)" },
  { "for x in y:\n    def f():\n        break\n", "(SyntaxError 3:9 'break' outside loop)" },
  { "elif x:\n  pass\n", "(SyntaxError 1:1 invalid syntax)" },
  { "else:\n  pass\n", "(SyntaxError 1:1 invalid syntax)" },
  { "print 'x'\n", "(SyntaxError 1:1 Missing parentheses in call to 'print'. Did you mean print(...)?)" },
  { "x = 1 if 2\n", "(SyntaxError 1:5 expected 'else' after 'if' expression)" },
  { "x = ，\n", "(SyntaxError 1:5 invalid character '，' (U+FF0C))" },
  { "x = 0777\n",
    "(SyntaxError 1:5 leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers)" },
  { "if x:\n\tpass\n        pass\n",
    "(IndentationError 3:1 inconsistent use of tabs and spaces in indentation)" },
  { "x = 1 \\\n", "(SyntaxError 1:8 unexpected EOF while parsing)" },
  { "f() = g() = 1", "(SyntaxError 1:1 cannot assign to function call)" },
  { "x = f() = 1", "(SyntaxError 1:5 cannot assign to function call)" },
  { "f() = 1, 2", "(SyntaxError 1:1 cannot assign to function call here. Maybe you meant '==' instead of '='?)" },
  { "-x = 1", "(SyntaxError 1:1 cannot assign to expression here. Maybe you meant '==' instead of '='?)" },
  { "not x = 1", "(SyntaxError 1:1 cannot assign to expression)" },
  { "x if y else z = 1", "(SyntaxError 1:1 cannot assign to conditional expression)" },
  { "x == 1 = 2", "(SyntaxError 1:1 cannot assign to comparison)" },
  { "[a, f()] = 1", "(SyntaxError 1:5 cannot assign to function call)" },
  { "True = 1", "(SyntaxError 1:1 cannot assign to True)" },
  { "... = 1", "(SyntaxError 1:1 cannot assign to ellipsis here. Maybe you meant '==' instead of '='?)" },
  { "x + 1 += 1", "(SyntaxError 1:1 'expression' is an illegal expression for augmented assignment)" },
  { "[x = 1]", "(SyntaxError 1:2 invalid syntax. Maybe you meant '==' or ':=' instead of '='?)" },
  { "x[a = 1]", "(SyntaxError 1:3 invalid syntax. Maybe you meant '==' or ':=' instead of '='?)" },
  { "(a.b = 1)", "(SyntaxError 1:2 cannot assign to attribute here. Maybe you meant '==' instead of '='?)" },
  { "if x = 1:\n  pass\n", "(SyntaxError 1:4 invalid syntax. Maybe you meant '==' or ':=' instead of '='?)" },
  { "while x = 1:\n  pass\n", "(SyntaxError 1:7 invalid syntax. Maybe you meant '==' or ':=' instead of '='?)" },
  { "f(a, x.y = 1)", "(SyntaxError 1:6 expression cannot contain assignment, perhaps you meant \"==\"?)" },
  { "print(a b)", "(SyntaxError 1:7 invalid syntax. Perhaps you forgot a comma?)" },
  { "x = [1 2 3]", "(SyntaxError 1:6 invalid syntax. Perhaps you forgot a comma?)" },
  { "f(x, y z)", "(SyntaxError 1:6 invalid syntax. Perhaps you forgot a comma?)" },
  { "x = (1 2)", "(SyntaxError 1:6 invalid syntax. Perhaps you forgot a comma?)" },
  { "d = {1: 2 3: 4}", "(SyntaxError 1:9 invalid syntax. Perhaps you forgot a comma?)" },
  { "x[1 2]", "(SyntaxError 1:3 invalid syntax. Perhaps you forgot a comma?)" },
  { "print(\"a\" b)", "(SyntaxError 1:7 invalid syntax. Perhaps you forgot a comma?)" },
  { "print(a \"b\")", "(SyntaxError 1:9 invalid syntax)" },
  { "f(-1 2)", "(SyntaxError 1:3 invalid syntax. Perhaps you forgot a comma?)" },
  { "x = [a not b]", "(SyntaxError 1:6 invalid syntax. Perhaps you forgot a comma?)" },
  { "for x in [1 2]: pass", "(SyntaxError 1:11 invalid syntax. Perhaps you forgot a comma?)" },
  { "del x + 1", "(SyntaxError 1:5 cannot delete expression)" },
  { "del (a, 1)", "(SyntaxError 1:9 cannot delete literal)" },
  { "with a as f(): pass", "(SyntaxError 1:11 cannot assign to function call)" },
  { "[x for f() in y]", "(SyntaxError 1:8 cannot assign to function call)" },
  { "x = 1 if 2 else\n", "(SyntaxError 1:16 invalid syntax)" },
  { "import a.b.c as\n", "(SyntaxError 1:16 invalid syntax)" },
  { "def f(a b): pass", "(SyntaxError 1:9 invalid syntax)" },
  { "def f:\n  pass\n", "(SyntaxError 1:6 expected '(')" },
  { "for x in range(3)\n  pass\n", "(SyntaxError 1:18 expected ':')" },
  { "x = 1 +* 2", "(SyntaxError 1:8 invalid syntax)" },
  { "print(\"a\"\n", "(SyntaxError 1:6 '(' was never closed)" },
  { "if x:\npass\n", "(IndentationError 2:1 expected an indented block after 'if' statement on line 1)\npass" },
  { "f(a, b=)", "(SyntaxError 1:8 invalid syntax)" },
  /* Valid Python outside the subset. */
  { "class A:\n    x = 1\n", "(Unsupported 1:1 'class' statements are not supported by Copyscope)" },
  { "try:\n  x\nexcept E:\n  y\nfinally:\n  z\nw",
    "(try {x} (except E {y}) (finally {z}))\nw" },
  { "try:\n  x\n", "(SyntaxError 3:1 expected 'except' or 'finally' block)" },
  { "try:\n  x\nelse:\n  y\n", "(SyntaxError 3:1 expected 'except' or 'finally' block)" },
  { "try:\n  x\nexcept:\n  y\nexcept E:\n  z\n", "(SyntaxError 3:1 default 'except:' must be last)" },
  { "try:\n  x\nexcept E, F:\n  y\n", "(SyntaxError 3:8 multiple exception types must be parenthesized)" },
  { "try:\n  x\nexcept E as e:\n  y\nelse:\n  z\nfinally:\n  w\n",
    "(try {x} (except E as e {y}) (else {z}) (finally {w}))" },
  { "@dec\n@dec2\ndef f():\n  pass\nw",
    "(Unsupported 1:1 decorators are not supported by Copyscope)\nw" },
  { "f = lambda x: x", "(= f (lambda (x) x))" },
  { "x = {1, 2}", "(Unsupported 1:5 set literals are not supported by Copyscope)" },
  { "x = {k: v for k in y}", "(= x (dictcomp k v (for k y)))" },
  { "x = (y for y in z)", "(= x (genexp y (for y z)))" },
  { "f(x for x in y, 1)", "(SyntaxError 1:3 Generator expression must be parenthesized)" },
  { "f(1, x for x in y)", "(SyntaxError 1:6 Generator expression must be parenthesized)" },
  { "f'{}'", "(SyntaxError 1:1 f-string: empty expression not allowed)" },
  { "f'{ }'", "(SyntaxError 1:1 f-string: empty expression not allowed)" },
  { "f'{x!z}'", "(SyntaxError 1:1 f-string: invalid conversion character: expected 's', 'r', or 'a')" },
  { "f'{x!}'", "(SyntaxError 1:1 f-string: invalid conversion character: expected 's', 'r', or 'a')" },
  { "x = f'}'", "(SyntaxError 1:5 f-string: single '}' is not allowed)" },
  { "f'{x'", "(SyntaxError 1:1 f-string: expecting '}')" },
  { "f'{a=b}'", "(SyntaxError 1:1 f-string: expecting '}')" },
  { "f'{a)}'", "(SyntaxError 1:1 f-string: unmatched ')')" },
  { "f'{#}'", "(SyntaxError 1:1 f-string expression part cannot include '#')" },
  { "f'\\x{i}'", "(SyntaxError 1:1 (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape)" },
  { "f'{\\n}'", "(SyntaxError 1:1 f-string expression part cannot include a backslash)" },
  { "f'{x:{y:{z}}}'", "(SyntaxError 1:1 f-string: expressions nested too deeply)" },
  /* Inside a field, errors point into the field. */
  { "x = f'{a b}'", "(SyntaxError 1:8 f-string: invalid syntax. Perhaps you forgot a comma?)" },
  { "x = f'ab{c +}'", "(SyntaxError 1:13 f-string: invalid syntax)" },
  /* CPython 3.11 points at column 8; the message is the same. */
  { "x = f'{lambda: 1}'", "(SyntaxError 1:14 f-string: invalid syntax)" },
  { "x = f'{a}' b'c'", "(SyntaxError 1:5 cannot mix bytes and nonbytes literals)" },
  { "x = b'abc'", "(Unsupported 1:5 bytes literals are not supported by Copyscope)" },
  { "x = 1j", "(Unsupported 1:5 complex numbers are not supported by Copyscope)" },
  { "f(*a)", "(Unsupported 1:3 star arguments (*args, **kwargs) in calls are not supported by Copyscope)" },
  { "a, *b = c", "(Unsupported 1:4 starred expressions are not supported by Copyscope)" },
  { "if (n := 10) > 5: pass", "(Unsupported 1:7 assignment expressions (:=) are not supported by Copyscope)" },
  { "assert x", "(assert x _)" },
  { "assert x, 'm'", "(assert x 'm')" },
  { "assert", "(SyntaxError 1:7 invalid syntax)" },
  { "raise ValueError", "(raise ValueError)" },
  { "raise X from Y", "(raise X from Y)" },
  { "raise", "(raise _)" },
  { "x: int = 1", "(Unsupported 1:1 annotated assignments are not supported by Copyscope)" },
  { "def f(*args): pass", "(Unsupported 1:7 '*', '**' and '/' in parameter lists are not supported by Copyscope)" },
  { "def f(x: int): pass", "(Unsupported 1:8 parameter annotations are not supported by Copyscope)" },
  { "def f():\n  yield 1\n", "(Unsupported 2:3 'yield' expressions are not supported by Copyscope)" },
  { "from . import x", "(Unsupported 1:6 relative imports are not supported by Copyscope)" },
  { "from m import *", "(Unsupported 1:15 'from ... import *' is not supported by Copyscope)" },
  { "x = 9223372036854775808",
    "(Unsupported 1:5 integer literal too large (Copyscope integers are 64-bit))" },
  { "match x:\n    case 1:\n        pass\ny",
    "(Unsupported 1:1 'match' statements are not supported by Copyscope)\ny" },
  { "async def f(): pass", "(Unsupported 1:1 'async' statements are not supported by Copyscope)" },
  { "nonlocal x", "(Unsupported 1:1 'nonlocal' statements are not supported by Copyscope)" },
  /* Errors nested in a block make the whole top-level statement an error. */
  { "for i in x:\n    y = 1\n    z = $\nw = 2",
    "(SyntaxError 3:9 invalid syntax)\n(= w 2)" },
  { "if a:\n  pass\nelse:\n  class B: pass\nw",
    "(Unsupported 4:3 'class' statements are not supported by Copyscope)\nw" },
};

static void
test_error_case (gconstpointer data)
{
  const ParseCase *c = data;
  g_autofree char *got = parse_to_string (c->source);

  g_assert_cmpstr (got, ==, c->tree);
}

/* ------------------------------------------------------------------------
 * Steps, spans and source texts
 * ------------------------------------------------------------------------ */

static char *
stmt_source (const CsProgram *program,
             const CsStmt    *s)
{
  g_assert_cmpuint (s->span.start, <=, s->span.end);
  g_assert_cmpuint (s->span.end, <=, program->source_len);
  return g_strndup (program->source + s->span.start, s->span.end - s->span.start);
}

typedef struct
{
  guint       line;
  const char *source;
} Step;

static void
assert_steps (const char *source,
              const Step *steps,
              guint       n_steps)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  guint i;

  g_assert_cmpuint (program->body.n_stmts, ==, n_steps);
  for (i = 0; i < n_steps; i++)
    {
      const CsStmt *s = program->body.stmts[i];
      g_autofree char *text = stmt_source (program, s);

      g_assert_cmpuint (s->span.line, ==, steps[i].line);
      g_assert_cmpstr (text, ==, steps[i].source);
    }
}

/* public/20_no_grad.py: with blocks are one step, trailing comments and
 * blank lines are not part of the source. */
static void
test_steps_with_blocks (void)
{
  const char *source =
    "import torch\n"
    "w = torch.tensor([1.0, 2.0], requires_grad=True)\n"
    "with torch.no_grad():\n"
    "    y = w * 2\n"
    "    print(y.requires_grad)  # inside\n"
    "\n"
    "    # trailing comment\n"
    "print(y, y.grad_fn)\n";
  const Step steps[] = {
    { 1, "import torch" },
    { 2, "w = torch.tensor([1.0, 2.0], requires_grad=True)" },
    { 3, "with torch.no_grad():\n    y = w * 2\n    print(y.requires_grad)" },
    { 8, "print(y, y.grad_fn)" },
  };

  assert_steps (source, steps, G_N_ELEMENTS (steps));
}

/* public/01: trailing blanks after "b = a " are not in the source. */
static void
test_steps_article (void)
{
  const char *source =
    "import torch\n"
    "# 情况1: 原变量地址不变,但是内容发生修改\n"
    "a = torch.rand(4)\n"
    "print('before a', a, id(a))\n"
    "b = a \n"
    "a[2] = 5\n";
  const Step steps[] = {
    { 1, "import torch" },
    { 3, "a = torch.rand(4)" },
    { 4, "print('before a', a, id(a))" },
    { 5, "b = a" },
    { 6, "a[2] = 5" },
  };
  g_autoptr (CsProgram) program = NULL;

  assert_steps (source, steps, G_N_ELEMENTS (steps));

  program = cs_program_parse ("t.py", source, -1);
  g_assert_cmpstr (program->body.stmts[1]->caption, ==, "情况1: 原变量地址不变,但是内容发生修改");
  g_assert_null (program->body.stmts[0]->caption);
  g_assert_null (program->body.stmts[2]->caption);
  /* Columns count characters: the 'a' after 17 CJK/ASCII chars. */
  g_assert_cmpuint (program->body.stmts[1]->span.column, ==, 1);
}

static void
test_steps_semicolons (void)
{
  const char *source = "a = 1; b = 2;\nc = [1,\n     2]; d = (3 +\n  4)\n";
  const Step steps[] = {
    { 1, "a = 1" },
    { 1, "b = 2" },
    { 2, "c = [1,\n     2]" },
    { 3, "d = (3 +\n  4)" },
  };

  assert_steps (source, steps, G_N_ELEMENTS (steps));
}

static void
test_steps_parenthesized (void)
{
  const char *source = "(w ** 2).sum().backward()\n(a)  # c\nif x:\n  y\nelif z:\n  w\nelse:\n  v  # end\n";
  const Step steps[] = {
    { 1, "(w ** 2).sum().backward()" },
    { 2, "(a)" },
    { 3, "if x:\n  y\nelif z:\n  w\nelse:\n  v" },
  };
  g_autoptr (CsProgram) program = NULL;

  assert_steps (source, steps, G_N_ELEMENTS (steps));

  /* The elif is an IF whose span runs from "elif" to the end. */
  program = cs_program_parse ("t.py", source, -1);
  {
    const CsStmt *elif = program->body.stmts[2]->if_.orelse.stmts[0];
    g_autofree char *text = stmt_source (program, elif);

    g_assert_cmpint (elif->kind, ==, CS_STMT_IF);
    g_assert_cmpstr (text, ==, "elif z:\n  w\nelse:\n  v");
  }
}

static void
test_steps_def (void)
{
  const char *source =
    "def append_one(lst, x=1):\n"
    "    lst.append(x)\n"
    "    lst = [0]\n"
    "    return lst\n"
    "\n"
    "a = [1]\n";
  const Step steps[] = {
    { 1, "def append_one(lst, x=1):\n    lst.append(x)\n    lst = [0]\n    return lst" },
    { 6, "a = [1]" },
  };
  g_autoptr (CsProgram) program = NULL;
  const CsStmt *def;

  assert_steps (source, steps, G_N_ELEMENTS (steps));

  program = cs_program_parse ("t.py", source, -1);
  def = program->body.stmts[0];
  g_assert_cmpuint (def->def.body.n_stmts, ==, 3);
  g_assert_cmpuint (def->def.body.stmts[2]->span.line, ==, 4);
  g_assert_cmpuint (def->def.body.stmts[2]->span.column, ==, 5);
}

static void
test_expr_spans (void)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", "x = é.ab + (c)\n", -1);
  const CsStmt *s = program->body.stmts[0];
  const CsExpr *bin = s->assign.value;

  g_assert_cmpint (bin->kind, ==, CS_EXPR_BINARY);
  g_assert_cmpuint (bin->span.column, ==, 5);
  g_assert_cmpuint (bin->span.end_column, ==, 15);
  g_assert_cmpuint (bin->span.start, ==, 4);
  g_assert_cmpuint (bin->span.end, ==, 15);
  /* The name inside parentheses spans the name only, as in CPython. */
  g_assert_cmpuint (bin->binary.right->span.column, ==, 13);
  g_assert_cmpuint (bin->binary.left->span.column, ==, 5);
  g_assert_cmpuint (bin->binary.left->span.end_column, ==, 9);
  g_assert_cmpuint (s->assign.targets[0]->span.column, ==, 1);
}

/* ------------------------------------------------------------------------
 * Recovery, limits and bad input
 * ------------------------------------------------------------------------ */

static void
test_recovery (void)
{
  const char *source =
    "a = [1, 2]\n"
    "b = a +\n"
    "c = 3\n"
    "for i in a:\n"
    "    print(i $)\n"
    "    x = 1\n"
    "d = (1,\n"
    "     2)\n"
    "class K:\n"
    "    pass\n"
    "e = 5\n";
  g_autofree char *got = parse_to_string (source);
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  g_autofree char *text1 = NULL, *text3 = NULL, *text5 = NULL;

  g_assert_cmpstr (got, ==,
                   "(= a (list 1 2))\n"
                   "(SyntaxError 2:8 invalid syntax)\n"
                   "(= c 3)\n"
                   "(SyntaxError 5:13 invalid syntax)\n"
                   "(= d (tuple 1 2))\n"
                   "(Unsupported 9:1 'class' statements are not supported by Copyscope)\n"
                   "(= e 5)");

  text1 = stmt_source (program, program->body.stmts[1]);
  g_assert_cmpstr (text1, ==, "b = a +");
  text3 = stmt_source (program, program->body.stmts[3]);
  g_assert_cmpstr (text3, ==, "for i in a:\n    print(i $)\n    x = 1");
  g_assert_cmpuint (program->body.stmts[3]->span.line, ==, 4);
  text5 = stmt_source (program, program->body.stmts[5]);
  g_assert_cmpstr (text5, ==, "class K:\n    pass");
}

static void
test_invalid_utf8 (void)
{
  const char source[] = "a = 1\nb = 'x\xff'\n";
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, sizeof source - 1);
  const CsStmt *s;

  g_assert_cmpuint (program->body.n_stmts, ==, 1);
  s = program->body.stmts[0];
  g_assert_cmpint (s->kind, ==, CS_STMT_ERROR);
  g_assert_cmpint (s->error.kind, ==, CS_SYNTAX_ERROR);
  g_assert_cmpuint (s->error.line, ==, 2);
  g_assert_cmpuint (s->error.column, ==, 7);
  g_assert_cmpstr (s->error.message, ==,
                   "(unicode error) 'utf-8' codec can't decode byte 0xff in position 12: invalid start byte");
  g_assert_true (g_utf8_validate (program->source, program->source_len, NULL));
}

static void
test_nul_byte (void)
{
  const char source[] = "a = 1\n\0b = 2\n";
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, sizeof source - 1);
  const CsStmt *s;

  g_assert_cmpuint (program->body.n_stmts, ==, 1);
  s = program->body.stmts[0];
  g_assert_cmpint (s->kind, ==, CS_STMT_ERROR);
  g_assert_cmpuint (s->error.line, ==, 2);
  g_assert_cmpuint (s->error.column, ==, 1);
  g_assert_cmpstr (s->error.message, ==, "source code cannot contain null bytes");
}

static void
test_crlf (void)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", "a = 1\r\nif a:\r\n  b = 2\r\n", -1);
  g_autofree char *text = NULL;

  g_assert_cmpuint (program->body.n_stmts, ==, 2);
  text = stmt_source (program, program->body.stmts[1]);
  g_assert_cmpstr (text, ==, "if a:\n  b = 2");
}

static void
test_empty (void)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", "", 0);
  g_autoptr (CsProgram) comments = cs_program_parse ("t.py", "# title: Nothing\n\n# just words\n", -1);

  g_assert_cmpuint (program->body.n_stmts, ==, 0);
  g_assert_null (program->title);
  g_assert_cmpuint (comments->body.n_stmts, ==, 0);
  g_assert_cmpstr (comments->title, ==, "Nothing");
}

static void
test_too_large (void)
{
  gsize n = CS_PARSER_MAX_SOURCE + 1;
  g_autofree char *source = g_malloc (n + 1);
  g_autoptr (CsProgram) program = NULL;

  memset (source, '\n', n);
  source[n] = '\0';
  program = cs_program_parse ("t.py", source, n);
  g_assert_cmpuint (program->body.n_stmts, ==, 1);
  g_assert_cmpint (program->body.stmts[0]->kind, ==, CS_STMT_ERROR);
  g_assert_nonnull (strstr (program->body.stmts[0]->error.message, "source too large"));
}

static void
test_deep_nesting (void)
{
  GString *source = g_string_new ("x = ");
  g_autofree char *got = NULL;
  guint i;

  /* 150 brackets parse (CPython allows up to 199)... */
  for (i = 0; i < 150; i++)
    g_string_append_c (source, '[');
  for (i = 0; i < 150; i++)
    g_string_append_c (source, ']');
  got = parse_to_string (source->str);
  g_assert_true (g_str_has_prefix (got, "(= x (list (list (list"));
  g_free (g_steal_pointer (&got));

  /* ...and 100000 unary minus signs are an error, not a stack overflow. */
  g_string_assign (source, "y = ");
  for (i = 0; i < 100000; i++)
    g_string_append_c (source, '-');
  g_string_append (source, "1\nz = 2\n");
  got = parse_to_string (source->str);
  g_assert_cmpstr (got, ==,
                   "(Unsupported 1:305 expression nested too deeply for Copyscope)\n"
                   "(= z 2)");
  g_string_free (source, TRUE);
}

/* ------------------------------------------------------------------------
 * Captions and title
 * ------------------------------------------------------------------------ */

static void
test_captions (void)
{
  const char *source =
    "#!/usr/bin/env python3\n"
    "# title: Assignment makes an alias\n"
    "# Both names now point at one tensor.\n"
    "#\n"
    "#   indented detail\n"
    "a = torch.rand(4)\n"
    "b = a  # not a caption\n"
    "# Writing through a is visible through b.\n"
    "\n"
    "a[2] = 5\n"
    "# 写入 a 对 b 可见\n"
    "c = 1; d = 2\n";
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", source, -1);
  CsStmt **stmts = program->body.stmts;

  g_assert_cmpstr (program->title, ==, "Assignment makes an alias");
  g_assert_cmpuint (program->body.n_stmts, ==, 5);
  g_assert_cmpstr (stmts[0]->caption, ==, "Both names now point at one tensor.\n\n  indented detail");
  g_assert_null (stmts[1]->caption);
  /* A blank line separates the comment from the statement. */
  g_assert_null (stmts[2]->caption);
  g_assert_cmpstr (stmts[3]->caption, ==, "写入 a 对 b 可见");
  g_assert_null (stmts[4]->caption);
}

static void
test_title_only_before_first_statement (void)
{
  g_autoptr (CsProgram) program = cs_program_parse ("t.py", "x = 1\n# title: late\ny = 2\n", -1);

  g_assert_null (program->title);
  g_assert_null (program->body.stmts[1]->caption);
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/parser/tree/%u", i);

      g_test_add_data_func (path, &parse_cases[i], test_parse_case);
    }
  for (i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/parser/error/%u", i);

      g_test_add_data_func (path, &error_cases[i], test_error_case);
    }
  g_test_add_func ("/core/parser/steps/with-blocks", test_steps_with_blocks);
  g_test_add_func ("/core/parser/steps/article", test_steps_article);
  g_test_add_func ("/core/parser/steps/semicolons", test_steps_semicolons);
  g_test_add_func ("/core/parser/steps/parenthesized", test_steps_parenthesized);
  g_test_add_func ("/core/parser/steps/def", test_steps_def);
  g_test_add_func ("/core/parser/spans/expr", test_expr_spans);
  g_test_add_func ("/core/parser/recovery", test_recovery);
  g_test_add_func ("/core/parser/input/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/parser/input/nul-byte", test_nul_byte);
  g_test_add_func ("/core/parser/input/crlf", test_crlf);
  g_test_add_func ("/core/parser/input/empty", test_empty);
  g_test_add_func ("/core/parser/input/too-large", test_too_large);
  g_test_add_func ("/core/parser/limits/deep-nesting", test_deep_nesting);
  g_test_add_func ("/core/parser/captions", test_captions);
  g_test_add_func ("/core/parser/captions/title-position", test_title_only_before_first_statement);

  return g_test_run ();
}
