/* cs-templates.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Add step" templates: one short statement per operation the app teaches
 * (assign, rebind, copy.copy, copy.deepcopy, np.array, torch.tensor,
 * torch.from_numpy, torch.as_tensor, .clone(), .detach(), .transpose(),
 * .contiguous(), .view(), an in-place write, backward()), filled in with
 * the names that exist after a given step of a trace and with fresh names
 * for what they bind.  Each template carries a caption comment in the
 * scenario's caption syntax (a "# ..." line directly above the statement)
 * and the imports it still needs.  A template that cannot apply at that
 * step says why.
 *
 * Labels, captions and reasons are translated (gettext domain
 * "copyscope"); code and names inside them are never translated.
 */

#pragma once

#include <glib.h>

#include "cs-trace.h"

G_BEGIN_DECLS

typedef struct
{
  char      *id;         /* "assign", "rebind", "copy", "deepcopy", "np-array",
                          * "torch-tensor", "from-numpy", "as-tensor", "clone",
                          * "detach", "transpose", "contiguous", "view",
                          * "inplace", "backward" */
  char      *label;      /* translated menu label ("Deep copy of `a` (copy.deepcopy)") */
  gboolean   available;
  char      *reason;     /* translated, why it is not available; NULL when available */
  char      *code;       /* "# caption\nstatement\n"; NULL when not available */
  char     **imports;    /* import lines still missing at that step
                          * ("import copy"), NULL-terminated, never NULL */
  char      *source;     /* the existing name it uses, or NULL */
  char      *target;     /* the name it binds or changes, or NULL */
  gboolean   changes_later; /* it rebinds or changes something a later
                             * statement uses, so later steps may behave
                             * differently (rebind, in-place write,
                             * backward); templates prefer names for which
                             * this is FALSE */
} CsTemplate;

typedef struct
{
  gsize  import_offset;  /* byte offset in the text where import_text goes */
  char  *import_text;    /* NULL when nothing is missing */
  gsize  code_offset;    /* byte offset of code_text, >= import_offset */
  char  *code_text;      /* the template's code (with a leading "\n" if needed) */
  guint  new_step;       /* index of the template's statement in the edited scenario */
} CsTemplateEdit;

void        cs_template_free      (CsTemplate       *tmpl);
void        cs_template_edit_free (CsTemplateEdit   *edit);

/* Every template (CsTemplate*, in menu order) for a statement inserted
 * after step @after_step of @trace (clamped to the last step).  @trace may
 * be NULL or have no steps: the templates then start a new scenario. */
GPtrArray  *cs_templates_list     (CsTrace          *trace,
                                   guint             after_step) G_GNUC_WARN_UNUSED_RESULT;

/* The template @id, or NULL when there is no such template. */
CsTemplate *cs_templates_get      (CsTrace          *trace,
                                   guint             after_step,
                                   const char       *id) G_GNUC_WARN_UNUSED_RESULT;

/* Where @tmpl's imports and code go in @text, the scenario that @trace
 * ran (NULL or no steps: at the end): the imports after the leading
 * imports at the top (or before the first statement and its caption), the
 * code after the last line of step @after_step.  NULL when @tmpl is not
 * available. */
CsTemplateEdit *cs_template_edit_new (const CsTemplate *tmpl,
                                      CsTrace          *trace,
                                      const char       *text,
                                      guint             after_step) G_GNUC_WARN_UNUSED_RESULT;

/* @text with @edit applied. */
char       *cs_template_edit_apply (const CsTemplateEdit *edit,
                                    const char           *text) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTemplate, cs_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsTemplateEdit, cs_template_edit_free)

G_END_DECLS
