/* cs-scenario-edit.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text operations on a scenario's source for the step list: move a step
 * (its statement lines and the caption comment block directly above
 * them) before or after another step, or delete it.  The result is one
 * replacement of a byte range of the text, so an editor can apply it as
 * one undoable action.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CS_SCENARIO_EDIT_ERROR (cs_scenario_edit_error_quark ())

typedef enum
{
  CS_SCENARIO_EDIT_ERROR_INVALID_TEXT,  /* not UTF-8, holds NUL, too large */
  CS_SCENARIO_EDIT_ERROR_NO_SUCH_STEP,
  CS_SCENARIO_EDIT_ERROR_SHARED_LINE,   /* a; b on one line */
  CS_SCENARIO_EDIT_ERROR_NESTED,        /* the step is indented, not top level */
} CsScenarioEditError;

typedef struct
{
  gsize  start;        /* byte offset into the old text */
  gsize  end;          /* byte offset, exclusive */
  char  *replacement;  /* UTF-8 text to put there */
  guint  step;         /* the step to show afterwards (0-based) */
} CsScenarioEdit;

GQuark          cs_scenario_edit_error_quark (void);

/* Moves step @step (0-based) so that it becomes step @to: before step @to
 * when @to < @step, after it when @to > @step.  Blank lines and comments
 * that belong to no step stay where they are. */
CsScenarioEdit *cs_scenario_edit_move_step   (const char           *text,
                                              gssize                len,
                                              guint                 step,
                                              guint                 to,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* Deletes step @step with its caption, and the blank lines that separated
 * it from a neighbour. */
CsScenarioEdit *cs_scenario_edit_delete_step (const char           *text,
                                              gssize                len,
                                              guint                 step,
                                              GError              **error) G_GNUC_WARN_UNUSED_RESULT;
/* The text after @edit. */
char           *cs_scenario_edit_apply       (const char           *text,
                                              gssize                len,
                                              const CsScenarioEdit *edit) G_GNUC_WARN_UNUSED_RESULT;
void            cs_scenario_edit_free        (CsScenarioEdit       *edit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsScenarioEdit, cs_scenario_edit_free)

G_END_DECLS
