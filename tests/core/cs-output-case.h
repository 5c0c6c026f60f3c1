/* cs-output-case.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Engine tests that compare what a scenario prints (and the errors its
 * steps raise) with text recorded from real CPython, NumPy and PyTorch.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *source;
  const char *expected;  /* stdout, and "!Type: message\n" per error step */
} CsOutputCase;

char *cs_output_case_run   (const char    *source) G_GNUC_WARN_UNUSED_RESULT;
void  cs_output_case_check (gconstpointer  data);

G_END_DECLS
