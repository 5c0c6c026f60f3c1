/* cs-predict-card.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One predict-then-reveal question (core/cs-predict.h) as a card: the
 * prompt, a check button per choice (grouped like radio buttons when only
 * one choice is right), "Check", then a mark per choice, a one-line verdict
 * and "Continue".
 */

#pragma once

#include <adwaita.h>

#include "cs-predict.h"

G_BEGIN_DECLS

#define CS_TYPE_PREDICT_CARD (cs_predict_card_get_type ())

G_DECLARE_FINAL_TYPE (CsPredictCard, cs_predict_card, CS, PREDICT_CARD, GtkWidget)

GtkWidget               *cs_predict_card_new               (void);

const CsPredictQuestion *cs_predict_card_get_question      (CsPredictCard     *self);
void                     cs_predict_card_set_question      (CsPredictCard     *self,
                                                            CsPredictQuestion *question);
double                   cs_predict_card_get_font_scale    (CsPredictCard     *self);
void                     cs_predict_card_set_font_scale    (CsPredictCard     *self,
                                                            double             font_scale);
gboolean                 cs_predict_card_get_selected      (CsPredictCard     *self,
                                                            guint              index);
void                     cs_predict_card_set_selected      (CsPredictCard     *self,
                                                            guint              index,
                                                            gboolean           selected);
GtkWidget               *cs_predict_card_get_choice_button (CsPredictCard     *self,
                                                            guint              index);
gboolean                 cs_predict_card_get_can_check     (CsPredictCard     *self);
gboolean                 cs_predict_card_get_checked       (CsPredictCard     *self);
gboolean                 cs_predict_card_get_correct       (CsPredictCard     *self);
const char              *cs_predict_card_get_verdict       (CsPredictCard     *self);
void                     cs_predict_card_focus_choices     (CsPredictCard     *self);

gboolean                 cs_predict_card_check             (CsPredictCard     *self);
gboolean                 cs_predict_card_continue          (CsPredictCard     *self);

char                    *cs_predict_markup_from_text       (const char        *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
