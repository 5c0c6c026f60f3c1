/* cs-window-predict.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Predict-then-reveal practice mode.  With win.predict-mode on, moving
 * forward exactly one step (win.step-next: keys, the button, playback) to a
 * step the engine has a question for (cs_predict_question_for_step) keeps
 * the picture where it is and shows the question in a card in place of the
 * caption above the picture.  "Check" marks the answer, "Continue" reveals
 * the step with the normal animation.  Jumps (the step list, first/last,
 * going back) never ask.  The window keeps a score for the document ("3 of 4 right",
 * an answer counts once per step) and, for a lesson, records it with
 * cs_progress_record() after every new answer.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-predict-card.h"
#include "cs-predict.h"
#include "cs-progress.h"
#include "cs-window-private.h"

static gboolean
get_mode (CsWindow *self)
{
  g_autoptr (GVariant) state = NULL;

  if (self->predict_action == NULL)
    return FALSE;
  state = g_action_get_state (self->predict_action);
  return state != NULL && g_variant_get_boolean (state);
}

static void
update_score (CsWindow *self)
{
  guint answered = self->predict_answers ? g_hash_table_size (self->predict_answers) : 0;
  g_autofree char *text = NULL;

  if (self->predict_score_label == NULL)
    return;

  if (answered == 0)
    text = g_strdup (_("No answers yet"));
  else
    /* Translators: the predict-mode score, "3 of 4 right": answers right
     * of questions answered.
     */
    text = g_strdup_printf (_("%u of %u right"), self->predict_right, answered);
  gtk_label_set_text (GTK_LABEL (self->predict_score_label), text);
  gtk_widget_set_visible (self->predict_score_label, get_mode (self));
}

/* How many steps of the trace come with a question. */
static guint
count_questions (CsTrace *trace)
{
  guint n = 0;

  for (guint i = 0; i < cs_trace_get_n_steps (trace); i++)
    {
      g_autoptr (CsPredictQuestion) question = cs_predict_question_for_step (trace, i);

      if (question != NULL)
        n++;
    }
  return n;
}

static void
record_progress (CsWindow *self)
{
  CsProgress progress;

  if (self->settings == NULL || self->lesson_id == NULL || self->trace == NULL)
    return;

  progress.answered = g_hash_table_size (self->predict_answers);
  progress.correct = self->predict_right;
  progress.total = count_questions (self->trace);
  cs_progress_record (self->settings, self->lesson_id, &progress);
}

/* Hides the card; the focus goes back to the picture if the card had it. */
static void
hide_card (CsWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  self->predict_asking = FALSE;
  if (self->predict_revealer == NULL)
    return;
  /* The caption comes back at once, so the card goes at once too. */
  gtk_revealer_set_transition_type (GTK_REVEALER (self->predict_revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_NONE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->predict_revealer), FALSE);
  gtk_widget_set_visible (self->predict_caption_box, TRUE);
  if (focus != NULL && gtk_widget_is_ancestor (focus, self->predict_card))
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
reveal (CsWindow *self)
{
  guint target = self->predict_target;

  hide_card (self);
  cs_window_set_step (self, target, TRUE);
}

static void
card_checked_cb (CsWindow      *self,
                 gboolean       correct,
                 CsPredictCard *card)
{
  gpointer key = GUINT_TO_POINTER (self->predict_target + 1);

  /* Asking again about a step answered before is practice; the first
   * answer is the one that counts.
   */
  if (g_hash_table_contains (self->predict_answers, key))
    return;

  g_hash_table_insert (self->predict_answers, key, GINT_TO_POINTER (correct));
  if (correct)
    self->predict_right++;
  update_score (self);
  record_progress (self);
}

static void
card_continued_cb (CsWindow      *self,
                   CsPredictCard *card)
{
  if (self->predict_asking)
    reveal (self);
}

static void
set_mode (CsWindow *self,
          gboolean  mode)
{
  if (get_mode (self) != mode)
    g_simple_action_set_state (G_SIMPLE_ACTION (self->predict_action), g_variant_new_boolean (mode));
  if (!mode)
    cs_window_predict_cancel (self);
  update_score (self);
}

/* The toggle, Ctrl+Shift+P: the setting when there is one, else the
 * action's own state.
 */
static void
mode_change_state_cb (CsWindow *self,
                      GVariant *value)
{
  if (self->settings != NULL)
    g_settings_set_value (self->settings, "predict-mode", value);
  else
    set_mode (self, g_variant_get_boolean (value));
}

static void
mode_setting_changed_cb (CsWindow *self)
{
  set_mode (self, g_settings_get_boolean (self->settings, "predict-mode"));
}

/**
 * cs_window_predict_init:
 *
 * Sets the mode up once the window has its settings (constructed): the
 * win.predict-mode action (following the predict-mode key when there are
 * settings), its accelerator, the card and the score over the picture.
 */
void
cs_window_predict_init (CsWindow *self)
{
  GtkWidget *overlay, *clamp, *caption_box;
  GtkEventController *shortcuts;

  self->predict_answers = g_hash_table_new (NULL, NULL);

  /* A plain stateful action that follows the predict-mode key (when there
   * are settings) through handlers that end with the window.  An action
   * from g_settings_create_action() outlives the window's action group and
   * then reports key changes to the freed group.
   */
  self->predict_action = G_ACTION (g_simple_action_new_stateful ("predict-mode", NULL,
                                                                 g_variant_new_boolean (FALSE)));
  g_signal_connect_object (self->predict_action, "change-state", G_CALLBACK (mode_change_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), self->predict_action);
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::predict-mode", G_CALLBACK (mode_setting_changed_cb),
                               self, G_CONNECT_SWAPPED);
      mode_setting_changed_cb (self);
    }

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Shift>p"),
                                                          gtk_named_action_new ("win.predict-mode")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  /* While asking, the card stands in for the caption above the picture:
   * the caption is the step already shown, the question is about the next
   * one.  Nothing covers the picture.
   */
  caption_box = gtk_widget_get_parent (GTK_WIDGET (self->caption_label));
  g_return_if_fail (GTK_IS_BOX (gtk_widget_get_parent (caption_box)));

  self->predict_card = cs_predict_card_new ();
  g_signal_connect_object (self->predict_card, "checked", G_CALLBACK (card_checked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->predict_card, "continued", G_CALLBACK (card_continued_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "font-scale", self->predict_card, "font-scale", G_SETTINGS_BIND_GET);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 700);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->predict_card);

  self->predict_revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->predict_revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_transition_duration (GTK_REVEALER (self->predict_revealer), 150);
  gtk_revealer_set_child (GTK_REVEALER (self->predict_revealer), clamp);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (caption_box)), self->predict_revealer,
                              caption_box);
  self->predict_caption_box = caption_box;

  /* The score floats at the picture's top right corner. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self->canvas), GTK_TYPE_OVERLAY);
  g_return_if_fail (overlay != NULL);

  self->predict_score_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->predict_score_label, "cs-predict-score");
  gtk_widget_add_css_class (self->predict_score_label, "numeric");
  gtk_widget_set_halign (self->predict_score_label, GTK_ALIGN_END);
  gtk_widget_set_valign (self->predict_score_label, GTK_ALIGN_START);
  gtk_widget_set_can_target (self->predict_score_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->predict_score_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Prediction Score"),
                                  -1);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->predict_score_label);

  update_score (self);
}

void
cs_window_predict_dispose (CsWindow *self)
{
  /* A window that is closed but still referenced must not follow the key
   * any more (its action would report to a group being torn down).
   */
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, mode_setting_changed_cb, self);
  if (self->predict_action != NULL)
    g_action_map_remove_action (G_ACTION_MAP (self), "predict-mode");
  g_clear_object (&self->predict_action);
  g_clear_pointer (&self->predict_answers, g_hash_table_unref);
  /* The card, revealer and label belong to the window's widgets. */
  self->predict_asking = FALSE;
  self->predict_card = NULL;
  self->predict_revealer = NULL;
  self->predict_caption_box = NULL;
  self->predict_score_label = NULL;
}

/**
 * cs_window_predict_intercept:
 * @target: the step win.step-next is about to show
 *
 * Called by win.step-next before it moves.  In predict mode, a move of
 * exactly one step to a step with a question shows the question instead;
 * while a question is open, step-next continues (after Check) or brings
 * the focus to the question.
 *
 * Returns: %TRUE when the step must not move now
 */
gboolean
cs_window_predict_intercept (CsWindow *self,
                             guint     target)
{
  CsPredictQuestion *question;

  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  if (self->predict_card == NULL)
    return FALSE;

  if (self->predict_asking)
    {
      if (cs_predict_card_get_checked (CS_PREDICT_CARD (self->predict_card)))
        reveal (self);
      else
        cs_predict_card_focus_choices (CS_PREDICT_CARD (self->predict_card));
      return TRUE;
    }

  if (!get_mode (self) || self->trace == NULL || target != self->step + 1 ||
      target >= cs_trace_get_n_steps (self->trace))
    return FALSE;

  question = cs_predict_question_for_step (self->trace, target);
  if (question == NULL)
    return FALSE;

  cs_predict_card_set_question (CS_PREDICT_CARD (self->predict_card), question);
  self->predict_target = target;
  self->predict_asking = TRUE;
  gtk_widget_set_visible (self->predict_caption_box, FALSE);
  gtk_revealer_set_transition_type (GTK_REVEALER (self->predict_revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->predict_revealer), TRUE);
  cs_predict_card_focus_choices (CS_PREDICT_CARD (self->predict_card));
  return TRUE;
}

/**
 * cs_window_predict_cancel:
 *
 * Closes an open question without revealing its step: the step changed
 * some other way (a jump, a re-run) or the mode was turned off.
 */
void
cs_window_predict_cancel (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  if (self->predict_asking)
    hide_card (self);
}

/**
 * cs_window_predict_reset:
 *
 * Another document opened: the score starts again.
 */
void
cs_window_predict_reset (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  cs_window_predict_cancel (self);
  if (self->predict_answers != NULL)
    g_hash_table_remove_all (self->predict_answers);
  self->predict_right = 0;
  update_score (self);
}

/**
 * cs_window_predict_is_asking:
 *
 * Playback pauses while this is %TRUE.
 *
 * Returns: whether a question is open (answered or not)
 */
gboolean
cs_window_predict_is_asking (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), FALSE);

  return self->predict_asking;
}

/**
 * cs_window_predict_get_card:
 *
 * Returns: (transfer none) (nullable): the question card (a CsPredictCard)
 */
GtkWidget *
cs_window_predict_get_card (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->predict_card;
}

/**
 * cs_window_predict_get_score:
 * @answered: (out) (optional): questions answered in this document
 * @right: (out) (optional): of those, answered right the first time
 */
void
cs_window_predict_get_score (CsWindow *self,
                             guint    *answered,
                             guint    *right)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  if (answered != NULL)
    *answered = self->predict_answers ? g_hash_table_size (self->predict_answers) : 0;
  if (right != NULL)
    *right = self->predict_right;
}
