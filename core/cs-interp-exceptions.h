/* cs-interp-exceptions.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Python's builtin exception classes and their instances, for raise and
 * try/except: the hierarchy of CPython 3.11 (ZeroDivisionError is an
 * ArithmeticError is an Exception is a BaseException), args, str and repr.
 */

#pragma once

#include "cs-runtime.h"

G_BEGIN_DECLS

/* Binds BaseException, Exception, ValueError, ... in the builtins. */
void      _cs_exceptions_init             (CsInterp  *interp);

/* The class of builtin exception @name, or NULL (engine limits such as
 * "LimitExceeded" and "UnsupportedFeature" are no Python exceptions and
 * no except clause catches them). */
const CsClass *_cs_exception_class        (const char *name);

/* raise @exc (an exception instance or class): sets the pending error
 * (with @exc as its value).  FALSE + TypeError when @exc is neither. */
gboolean  _cs_exception_raise             (CsInterp  *interp,
                                           CsObject  *exc);

/* The exception object of @error, made from its type and message when the
 * engine raised it by name.  NULL when @error is not a Python exception. */
CsObject *_cs_exception_object            (CsInterp  *interp,
                                           CsError   *error);

/* Whether @error is caught by "except @spec" (a class or a tuple of
 * classes): 1 yes, 0 no, -1 with TypeError when @spec is not one. */
int       _cs_exception_matches           (CsInterp  *interp,
                                           CsError   *error,
                                           CsObject  *spec);

G_END_DECLS
