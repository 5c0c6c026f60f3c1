/* cs-modules.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The modules a scenario can import.  Library models add their entry
 * here (name + initialiser filling the module namespace); a known module
 * without an initialiser imports as a clear "UnsupportedFeature" error
 * rather than a ModuleNotFoundError, because real Python would import it.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "cs-array.h"
#include "cs-runtime.h"

static const CsModuleDef modules[] = {
  { "copy", _cs_copy_module_init },
  { "math", _cs_math_module_init },
  /* Engine II/III: numpy and torch. */
  { "torch", cs_torch_module_init },
  { "numpy", cs_numpy_module_init },
  /* Standard modules Copyscope does not model. */
  { "os", NULL }, { "sys", NULL }, { "random", NULL }, { "itertools", NULL },
  { "functools", NULL }, { "collections", NULL }, { "typing", NULL }, { "time", NULL },
  { "json", NULL }, { "re", NULL }, { "string", NULL }, { "operator", NULL },
  { "dataclasses", NULL }, { "array", NULL }, { "weakref", NULL }, { "gc", NULL },
  { "types", NULL }, { "enum", NULL }, { "fractions", NULL }, { "decimal", NULL },
  { "statistics", NULL }, { "heapq", NULL }, { "bisect", NULL }, { "pprint", NULL },
  { "warnings", NULL }, { "pickle", NULL }, { "ctypes", NULL }, { "abc", NULL },
  { "scipy", NULL }, { "pandas", NULL }, { "matplotlib", NULL },
};

const CsModuleDef *
_cs_modules_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    if (strcmp (modules[i].name, name) == 0)
      return &modules[i];
  return NULL;
}

/* ---- math ------------------------------------------------------------------ */

static gboolean
arg_double (CsInterp     *interp,
            const CsArgs *args,
            const char   *fname,
            double       *out)
{
  CsObject *x;

  if (!cs_args_no_kwargs (interp, args, fname))
    return FALSE;
  if (args->n_args != 1)
    {
      cs_interp_raise (interp, "TypeError", "math.%s() takes exactly one argument (%u given)",
                       fname, args->n_args);
      return FALSE;
    }
  x = args->args[0];
  if (x->cls->to_float == NULL || cs_object_kind (x) == CS_KIND_STR)
    {
      cs_interp_raise (interp, "TypeError", "must be real number, not %s", cs_object_type_name (x));
      return FALSE;
    }
  return x->cls->to_float (interp, x, out);
}

#define MATH_FUNC(name, expr, domain_check)                                  \
  static CsObject *                                                          \
  math_##name (CsInterp     *interp,                                         \
               CsObject     *self,                                           \
               const CsArgs *args)                                           \
  {                                                                          \
    double x;                                                                \
    if (!arg_double (interp, args, #name, &x))                               \
      return NULL;                                                           \
    if (domain_check)                                                        \
      {                                                                      \
        cs_interp_raise (interp, "ValueError", "math domain error");         \
        return NULL;                                                         \
      }                                                                      \
    return cs_float_new (interp, expr);                                      \
  }

MATH_FUNC (sqrt, sqrt (x), x < 0)
MATH_FUNC (exp, exp (x), FALSE)
MATH_FUNC (log, log (x), x <= 0)
MATH_FUNC (sin, sin (x), FALSE)
MATH_FUNC (cos, cos (x), FALSE)
MATH_FUNC (tan, tan (x), FALSE)
MATH_FUNC (fabs, fabs (x), FALSE)

static CsObject *
math_rounding (CsInterp     *interp,
               const CsArgs *args,
               gboolean      up)
{
  double x;

  if (args->n_args == 1 && (cs_object_kind (args->args[0]) == CS_KIND_INT ||
                            cs_object_kind (args->args[0]) == CS_KIND_BOOL))
    return cs_int_new (interp, args->args[0]->int_value);
  if (!arg_double (interp, args, up ? "ceil" : "floor", &x))
    return NULL;
  x = up ? ceil (x) : floor (x);
  if (!isfinite (x) || fabs (x) >= 9.2e18)
    {
      cs_interp_raise (interp, isnan (x) ? "ValueError" : "OverflowError",
                       isnan (x) ? "cannot convert float NaN to integer"
                                 : "cannot convert float infinity to integer");
      return NULL;
    }
  return cs_int_new (interp, (gint64) x);
}

static CsObject *
math_floor (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  return math_rounding (interp, args, FALSE);
}

static CsObject *
math_ceil (CsInterp     *interp,
           CsObject     *self,
           const CsArgs *args)
{
  return math_rounding (interp, args, TRUE);
}

static CsObject *
math_isnan (CsInterp     *interp,
            CsObject     *self,
            const CsArgs *args)
{
  double x;

  if (!arg_double (interp, args, "isnan", &x))
    return NULL;
  return cs_bool (interp, isnan (x));
}

gboolean
_cs_math_module_init (CsInterp *interp,
                      CsObject *module)
{
  cs_module_add (interp, module, "pi", cs_float_new (interp, G_PI));
  cs_module_add (interp, module, "e", cs_float_new (interp, G_E));
  cs_module_add (interp, module, "tau", cs_float_new (interp, 2 * G_PI));
  cs_module_add (interp, module, "inf", cs_float_new (interp, INFINITY));
  cs_module_add (interp, module, "nan", cs_float_new (interp, NAN));
  cs_module_add_function (interp, module, "sqrt", math_sqrt);
  cs_module_add_function (interp, module, "exp", math_exp);
  cs_module_add_function (interp, module, "log", math_log);
  cs_module_add_function (interp, module, "sin", math_sin);
  cs_module_add_function (interp, module, "cos", math_cos);
  cs_module_add_function (interp, module, "tan", math_tan);
  cs_module_add_function (interp, module, "fabs", math_fabs);
  cs_module_add_function (interp, module, "floor", math_floor);
  cs_module_add_function (interp, module, "ceil", math_ceil);
  cs_module_add_function (interp, module, "isnan", math_isnan);
  return TRUE;
}
