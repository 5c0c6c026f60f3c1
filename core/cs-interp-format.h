/* cs-interp-format.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format-spec mini-language of CPython 3.11 (Python/formatter_unicode.c):
 * one implementation behind f-strings, format () and str.format ().
 */

#pragma once

#include "cs-runtime.h"

G_BEGIN_DECLS

/* format (@obj, @spec) (PyObject_Format): a str object, or NULL with the
 * exception raised.  @spec is UTF-8 of @spec_len bytes (may be empty).
 * An exact str with an empty spec is returned itself, as CPython does. */
CsObject *_cs_format_object        (CsInterp     *interp,
                                    CsObject     *obj,
                                    const char   *spec,
                                    gsize         spec_len);

/* ascii (@obj): repr with non-ASCII characters escaped. */
char     *_cs_ascii_repr           (CsInterp     *interp,
                                    CsObject     *obj);

/* The builtins format (value, spec='') and ascii (obj), and the method
 * str.format (*args, **kwargs). */
CsObject *_cs_builtin_format       (CsInterp     *interp,
                                    CsObject     *self,
                                    const CsArgs *args);
CsObject *_cs_builtin_ascii        (CsInterp     *interp,
                                    CsObject     *self,
                                    const CsArgs *args);
CsObject *_cs_str_format_method    (CsInterp     *interp,
                                    CsObject     *self,
                                    const CsArgs *args);

G_END_DECLS
