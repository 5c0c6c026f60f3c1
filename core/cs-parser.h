/* cs-parser.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-ast.h"

G_BEGIN_DECLS

/* Scenarios larger than this become a single "source too large" error. */
#define CS_PARSER_MAX_SOURCE (1024 * 1024)
/* Nesting of blocks (at most 100 levels of indentation), brackets (at
 * most 199, as in CPython), unary operators and conditional expressions. */
#define CS_PARSER_MAX_DEPTH 300

/* Parses @text (@len bytes, or NUL-terminated when @len is -1).  Never
 * returns NULL and never fails as a whole: a statement that does not parse
 * becomes a CS_STMT_ERROR and the rest of the file is still parsed.  Text
 * that is not UTF-8 (or holds a NUL) gives a program with one CS_STMT_ERROR
 * that names the line and column of the bad byte.  "\r\n" and "\r" line
 * ends are turned into "\n" in program->source, which the spans index.
 */
CsProgram *cs_program_parse (const char *filename,
                             const char *text,
                             gssize      len) G_GNUC_WARN_UNUSED_RESULT;
void       cs_program_free  (CsProgram  *program);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsProgram, cs_program_free)

G_END_DECLS
