/* cs-predict.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Predict-then-reveal questions.  From the snapshot before step N and step
 * N's events and snapshot, a question the learner answers BEFORE step N is
 * shown: which names will show a change after a write, will a list change,
 * do two names share storage, what will a .grad be.  Steps where nothing
 * interesting happens (prints, imports, errors) get no question.  Works on
 * any scenario; prompts are translated, code and values are not.
 */

#pragma once

#include <glib.h>

#include "cs-trace.h"

G_BEGIN_DECLS

typedef enum
{
  CS_PREDICT_WHICH_CHANGE,   /* multiple: which names will show a change? */
  CS_PREDICT_WILL_CHANGE,    /* yes/no: will `b` change? (lists, dicts) */
  CS_PREDICT_SHARE_STORAGE,  /* yes/no: do `x` and `y` share storage now? */
  CS_PREDICT_GRAD_VALUE,     /* single: what will `x.grad` be? */
} CsPredictKind;

typedef struct
{
  char     *label;           /* "`a1`", "Yes", "tensor([2., 4., 2.])" */
  gboolean  correct;
} CsPredictChoice;

typedef struct
{
  CsPredictKind    kind;
  guint            step_index; /* the step whose result is predicted */
  char            *prompt;     /* translated, with `code` in backticks */
  gboolean         multiple;   /* TRUE: check boxes; FALSE: pick one */
  CsPredictChoice *choices;
  guint            n_choices;
} CsPredictQuestion;

/* The question to ask before revealing step @index, or NULL when the step
 * deserves none (step 0, prints, imports, errors, nothing shared). */
CsPredictQuestion *cs_predict_question_for_step (const CsTrace           *trace,
                                                 guint                    index) G_GNUC_WARN_UNUSED_RESULT;
void               cs_predict_question_free     (CsPredictQuestion       *question);

/* TRUE if @selected (one gboolean per choice, question->n_choices of them)
 * is exactly the set of correct choices. */
gboolean           cs_predict_check             (const CsPredictQuestion *question,
                                                 const gboolean          *selected);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsPredictQuestion, cs_predict_question_free)

G_END_DECLS
