/* cs-interp-exceptions.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The builtin exception classes of CPython 3.11 (Objects/exceptions.c) as
 * far as scenarios meet them: the class tree used by except clauses and
 * isinstance, instances with .args, str () (KeyError shows the repr of its
 * key) and repr () ("ValueError('bad')").  The engine raises exceptions by
 * name and message (cs_interp_raise); an except clause turns that into an
 * instance of the named class.  Engine limits (LimitExceeded,
 * UnsupportedFeature) have no class here, so no except clause can hide
 * them.
 */

#include "config.h"

#include <string.h>

#include "cs-interp-exceptions.h"

typedef struct
{
  const char *name;
  int         base;     /* index in the table, -1: object */
} ExcDef;

/* Parents come before their children. */
static const ExcDef exc_defs[] = {
  { "BaseException", -1 },          /* 0 */
  { "SystemExit", 0 },
  { "KeyboardInterrupt", 0 },
  { "GeneratorExit", 0 },
  { "Exception", 0 },               /* 4 */
  { "StopIteration", 4 },
  { "ArithmeticError", 4 },         /* 6 */
  { "FloatingPointError", 6 },
  { "OverflowError", 6 },
  { "ZeroDivisionError", 6 },
  { "AssertionError", 4 },
  { "AttributeError", 4 },
  { "ImportError", 4 },             /* 12 */
  { "ModuleNotFoundError", 12 },
  { "LookupError", 4 },             /* 14 */
  { "IndexError", 14 },
  { "KeyError", 14 },
  { "MemoryError", 4 },
  { "NameError", 4 },               /* 18 */
  { "UnboundLocalError", 18 },
  { "RuntimeError", 4 },            /* 20 */
  { "NotImplementedError", 20 },
  { "RecursionError", 20 },
  { "SyntaxError", 4 },             /* 23 */
  { "IndentationError", 23 },
  { "SystemError", 4 },
  { "TypeError", 4 },
  { "ValueError", 4 },              /* 27 */
  { "UnicodeError", 27 },
  { "OSError", 4 },                 /* 29 */
  { "FileNotFoundError", 29 },
  { "Warning", 4 },                 /* 31 */
  { "UserWarning", 31 },
  { "DeprecationWarning", 31 },
  { "RuntimeWarning", 31 },
};

#define N_EXC G_N_ELEMENTS (exc_defs)

static CsClass exc_classes[N_EXC];

/* An instance: refs[0] holds the args tuple; data is the str () text when
 * the engine raised it (its message), else NULL. */

static CsObject *
exc_args (CsObject *self)
{
  return self->opaque.refs[0];
}

static gboolean
is_key_error (const CsClass *cls)
{
  return cls == &exc_classes[16];
}

static char *
exc_str (CsInterp *interp,
         CsObject *self)
{
  CsObject *args = exc_args (self);

  if (self->opaque.data)
    return g_strdup (self->opaque.data);
  if (args->seq.len == 0)
    return g_strdup ("");
  if (args->seq.len == 1)
    return is_key_error (self->cls) ? cs_op_repr (interp, args->seq.items[0])
                                    : cs_op_str (interp, args->seq.items[0]);
  return cs_op_str (interp, args);
}

static char *
exc_repr (CsInterp *interp,
          CsObject *self)
{
  CsObject *args = exc_args (self);
  g_autofree char *inner = NULL;

  if (args->seq.len == 1)
    {
      inner = cs_op_repr (interp, args->seq.items[0]);
      return inner ? g_strdup_printf ("%s(%s)", self->cls->name, inner) : NULL;
    }
  inner = cs_op_repr (interp, args);
  return inner ? g_strdup_printf ("%s%s", self->cls->name, inner) : NULL;
}

static CsObject *
exc_getattr (CsInterp   *interp,
             CsObject   *self,
             const char *name)
{
  if (strcmp (name, "args") == 0)
    return exc_args (self);
  return NULL;
}

static CsObject *
exc_new (CsInterp      *interp,
         const CsClass *cls,
         CsObject      *args,
         const char    *text)
{
  CsObject *exc = cs_interp_alloc (interp, cls);

  exc->opaque.refs[0] = args;
  if (text)
    {
      exc->opaque.data = g_strdup (text);
      exc->opaque.destroy = g_free;
    }
  return exc;
}

static CsObject *
exc_construct (CsInterp      *interp,
               const CsClass *cls,
               const CsArgs  *args)
{
  CsObject *tuple;

  if (args->n_kw > 0)
    {
      cs_interp_raise (interp, "TypeError", "%s() takes no keyword arguments", cls->name);
      return NULL;
    }
  tuple = args->n_args == 0 ? interp->empty_tuple : cs_tuple_new (interp, args->n_args);
  for (guint i = 0; i < args->n_args; i++)
    tuple->seq.items[i] = args->args[i];
  return exc_new (interp, cls, tuple, NULL);
}

static gpointer
init_classes_once (gpointer data)
{
  for (guint i = 0; i < N_EXC; i++)
    {
      CsClass *c = &exc_classes[i];

      memset (c, 0, sizeof *c);
      c->kind = CS_KIND_OPAQUE;
      c->name = exc_defs[i].name;
      c->base = exc_defs[i].base >= 0 ? &exc_classes[exc_defs[i].base] : NULL;
      c->repr = exc_repr;
      c->str = exc_str;
      c->getattr = exc_getattr;
      c->construct = exc_construct;
    }
  return NULL;
}

static void
init_classes (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_classes_once, NULL);
}

void
_cs_exceptions_init (CsInterp *interp)
{
  init_classes ();
  for (guint i = 0; i < N_EXC; i++)
    cs_namespace_set (interp->builtins, exc_classes[i].name, cs_type_object (interp, &exc_classes[i]));
}

const CsClass *
_cs_exception_class (const char *name)
{
  init_classes ();
  for (guint i = 0; i < N_EXC; i++)
    if (strcmp (exc_classes[i].name, name) == 0)
      return &exc_classes[i];
  return NULL;
}

static gboolean
is_exception_class (const CsClass *cls)
{
  return cls >= &exc_classes[0] && cls < &exc_classes[N_EXC];
}

gboolean
_cs_exception_raise (CsInterp *interp,
                     CsObject *exc)
{
  g_autofree char *text = NULL;

  if (cs_object_kind (exc) == CS_KIND_TYPE && is_exception_class (exc->type.of))
    exc = exc_new (interp, exc->type.of, interp->empty_tuple, NULL);
  else if (!is_exception_class (exc->cls))
    {
      cs_interp_raise (interp, "TypeError", "exceptions must derive from BaseException");
      return FALSE;
    }
  text = exc_str (interp, exc);
  if (text == NULL)
    return FALSE;
  /* The step records the first line of str (exc). */
  {
    char *nl = strchr (text, '\n');
    if (nl)
      *nl = '\0';
  }
  cs_interp_raise (interp, exc->cls->name, "%s", text);
  interp->error->value = exc;
  return TRUE;
}

CsObject *
_cs_exception_object (CsInterp *interp,
                      CsError  *error)
{
  const CsClass *cls;
  CsObject *args;
  const char *m = error->message;
  gsize len = strlen (m);

  if (error->value)
    return error->value;
  cls = _cs_exception_class (error->type);
  if (cls == NULL)
    return NULL;
  if (len == 0)
    args = interp->empty_tuple;
  else if (is_key_error (cls) && len >= 2 && (m[0] == '\'' || m[0] == '"') && m[len - 1] == m[0] &&
           strchr (m, '\\') == NULL)
    /* KeyError('k') says 'k': give back the key when it was a plain string. */
    args = cs_tuple_pack (interp, 1, cs_str_new (interp, m + 1, len - 2));
  else
    args = cs_tuple_pack (interp, 1, cs_str_new (interp, m, len));
  error->value = exc_new (interp, cls, args, m);
  return error->value;
}

int
_cs_exception_matches (CsInterp *interp,
                       CsError  *error,
                       CsObject *spec)
{
  const CsClass *cls = _cs_exception_class (error->type);

  if (cs_object_kind (spec) == CS_KIND_TUPLE)
    {
      int any = 0;

      for (gsize i = 0; i < spec->seq.len; i++)
        {
          int r = _cs_exception_matches (interp, error, spec->seq.items[i]);
          if (r < 0)
            return -1;
          any |= r;
        }
      return any;
    }
  if (cs_object_kind (spec) != CS_KIND_TYPE || !is_exception_class (spec->type.of))
    {
      cs_interp_raise (interp, "TypeError", "catching classes that do not inherit from BaseException is not allowed");
      return -1;
    }
  for (const CsClass *c = cls; c; c = c->base)
    if (c == spec->type.of)
      return 1;
  return 0;
}
