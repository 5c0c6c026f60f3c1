/* cs-predict-card.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The card the window shows before revealing a step in predict mode.  The
 * prompt's `code` is set in monospace; the choices are check buttons in
 * chips, grouped (radio style) when one answer is right.  "Check" (or
 * Enter) marks every choice with an icon, a colour and an accessible
 * description, shows a one-line verdict and turns into "Continue", which
 * emits ::continued.  Space toggles a choice, Tab moves between them.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-markup.h"
#include "cs-predict-card.h"

#define CSS_RESOURCE RESOURCE_BASE "/ui/cs-predict-card.css"

typedef struct
{
  GtkWidget *chip;
  GtkWidget *button;
  GtkWidget *mark;
} Choice;

struct _CsPredictCard
{
  GtkWidget          parent_instance;

  /* Template children. */
  GtkWidget         *card_box;
  GtkWidget         *heading_box;
  GtkLabel          *heading_label;
  GtkLabel          *hint_label;
  GtkLabel          *prompt_label;
  GtkGrid           *choices_grid;
  GtkWidget         *verdict_box;
  GtkImage          *verdict_icon;
  GtkLabel          *verdict_label;
  GtkWidget         *check_button;
  GtkWidget         *continue_button;

  CsPredictQuestion *question;
  GArray            *choices;      /* Choice, one per question choice. */
  gboolean           checked;
  gboolean           correct;
  char              *verdict;      /* With `code` in backticks. */

  double             font_scale;
  GtkCssProvider    *scale_provider;
};

G_DEFINE_FINAL_TYPE (CsPredictCard, cs_predict_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FONT_SCALE,
  PROP_CAN_CHECK,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHECKED,
  CONTINUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The card's style sheet, once per display. */
static void
ensure_css (GdkDisplay *display)
{
  g_autoptr (GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "cs-predict-card-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, CSS_RESOURCE);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "cs-predict-card-css",
                          g_steal_pointer (&provider), g_object_unref);
}

/* A choice's label as shown: "`a1`" is code shown as a1 in monospace; a
 * gradient value or None is code as it is; "Yes" and "No" are words.
 */
static char *
dup_choice_text (const CsPredictQuestion *question,
                 const char              *label,
                 gboolean                *code)
{
  gsize len = strlen (label);
  const char *tick = strchr (label, '`');

  if (len >= 2 && label[0] == '`' && label[len - 1] == '`' && memchr (label + 1, '`', len - 2) == NULL)
    {
      *code = TRUE;
      return g_strndup (label + 1, len - 2);
    }
  if (tick != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (label, "`", -1);

      *code = FALSE;
      return g_strjoinv ("", parts);
    }
  *code = question->kind == CS_PREDICT_GRAD_VALUE;
  return g_strdup (label);
}

/* A choice as it goes into the verdict: code in backticks. */
static char *
dup_choice_code (const CsPredictQuestion *question,
                 const char              *label)
{
  gboolean code = FALSE;
  g_autofree char *text = dup_choice_text (question, label, &code);

  return code ? g_strdup_printf ("`%s`", text) : g_steal_pointer (&text);
}

/* "`a`", "`a` and `b`", "`a`, `b` and `c`". */
static char *
join_items (GPtrArray *items)
{
  g_autofree char *joined = NULL;

  if (items->len == 0)
    return g_strdup ("");
  joined = g_strdup (g_ptr_array_index (items, 0));
  for (guint i = 1; i < items->len; i++)
    {
      char *next;

      if (i + 1 == items->len)
        /* Translators: the last two items of a list, "`a1` and `a4`". */
        next = g_strdup_printf (C_("list", "%s and %s"), joined, (const char *) g_ptr_array_index (items, i));
      else
        /* Translators: joins items of a list, "`a`, `a1`". */
        next = g_strdup_printf (C_("list", "%s, %s"), joined, (const char *) g_ptr_array_index (items, i));
      g_free (joined);
      joined = next;
    }
  return g_steal_pointer (&joined);
}

static char *
dup_wrong_verdict (const CsPredictQuestion *question)
{
  g_autoptr (GPtrArray) answers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;

  for (guint i = 0; i < question->n_choices; i++)
    if (question->choices[i].correct)
      g_ptr_array_add (answers, dup_choice_code (question, question->choices[i].label));
  list = join_items (answers);

  if (question->multiple)
    {
      if (answers->len == 0)
        return g_strdup (_("Not quite: none of them changes"));
      /* Translators: %s is one name or a list of names, "`a1` and `a4`". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not quite: %s changes", "Not quite: %s change",
                                           answers->len),
                              list);
    }

  /* Translators: %s is the right choice: "Yes", "No" or a value. */
  return g_strdup_printf (_("Not quite: the answer is %s"), list);
}

static void
update_actions (CsPredictCard *self)
{
  gboolean can_check = cs_predict_card_get_can_check (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "predict.check", can_check);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "predict.continue", self->checked);
}

static void
choice_toggled_cb (CsPredictCard *self)
{
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CHECK]);
}

static void
clear_choices (CsPredictCard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_grid))) != NULL)
    gtk_grid_remove (self->choices_grid, child);
  g_array_set_size (self->choices, 0);
}

/* Short labels side by side, long values two to a row. */
static guint
columns_for (const CsPredictQuestion *question)
{
  glong longest = 0;

  for (guint i = 0; i < question->n_choices; i++)
    longest = MAX (longest, g_utf8_strlen (question->choices[i].label, -1));
  if (longest <= 10)
    return MAX (1, MIN (question->n_choices, 5));
  if (longest <= 20)
    return MAX (1, MIN (question->n_choices, 3));
  return MAX (1, MIN (question->n_choices, 2));
}

static void
build_choices (CsPredictCard *self)
{
  const CsPredictQuestion *q = self->question;
  GtkCheckButton *group = NULL;
  guint columns = columns_for (q);

  for (guint i = 0; i < q->n_choices; i++)
    {
      Choice choice;
      gboolean code = FALSE;
      g_autofree char *text = dup_choice_text (q, q->choices[i].label, &code);

      choice.chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (choice.chip, "cs-predict-choice");

      choice.button = gtk_check_button_new_with_label (text);
      gtk_widget_set_hexpand (choice.button, TRUE);
      if (code)
        gtk_widget_add_css_class (choice.button, "monospace");
      if (!q->multiple)
        {
          if (group == NULL)
            group = GTK_CHECK_BUTTON (choice.button);
          else
            gtk_check_button_set_group (GTK_CHECK_BUTTON (choice.button), group);
        }
      g_signal_connect_object (choice.button, "toggled", G_CALLBACK (choice_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (choice.chip), choice.button);

      choice.mark = gtk_image_new ();
      gtk_widget_add_css_class (choice.mark, "cs-predict-mark");
      gtk_widget_set_visible (choice.mark, FALSE);
      gtk_box_append (GTK_BOX (choice.chip), choice.mark);

      gtk_grid_attach (self->choices_grid, choice.chip, (int) (i % columns), (int) (i / columns), 1, 1);
      g_array_append_val (self->choices, choice);
    }
}

static void
set_state_class (GtkWidget  *widget,
                 const char *css_class)
{
  static const char * const classes[] = { "cs-right", "cs-missed", "cs-wrong", "cs-unchosen" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], css_class) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

static void
mark_choice (Choice   *choice,
             gboolean  correct,
             gboolean  chosen)
{
  const char *css_class, *icon, *description;

  if (correct && chosen)
    {
      css_class = "cs-right";
      icon = "object-select-symbolic";
      description = _("Right: an answer, and you chose it");
    }
  else if (correct)
    {
      css_class = "cs-missed";
      icon = "object-select-symbolic";
      description = _("Missed: an answer you did not choose");
    }
  else if (chosen)
    {
      css_class = "cs-wrong";
      icon = "window-close-symbolic";
      description = _("Wrong: not an answer, but you chose it");
    }
  else
    {
      css_class = "cs-unchosen";
      icon = NULL;
      description = _("Not an answer, and you did not choose it");
    }

  set_state_class (choice->chip, css_class);
  set_state_class (choice->mark, css_class);
  gtk_image_set_from_icon_name (GTK_IMAGE (choice->mark), icon);
  gtk_widget_set_visible (choice->mark, icon != NULL);
  gtk_widget_set_tooltip_text (choice->chip, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  /* The answer stays as given: no more toggling, but no greying either,
   * so the marks stay readable.
   */
  gtk_widget_set_can_target (choice->chip, FALSE);
  gtk_widget_set_focusable (choice->button, FALSE);
}

static void
reset_state (CsPredictCard *self)
{
  gboolean had_checked = self->checked;

  self->checked = FALSE;
  self->correct = FALSE;
  g_clear_pointer (&self->verdict, g_free);
  gtk_label_set_text (self->verdict_label, "");
  gtk_image_set_from_icon_name (self->verdict_icon, NULL);
  set_state_class (GTK_WIDGET (self->verdict_label), NULL);
  set_state_class (GTK_WIDGET (self->verdict_icon), NULL);
  gtk_widget_set_visible (self->verdict_box, FALSE);
  gtk_widget_set_visible (self->heading_box, TRUE);
  gtk_widget_set_visible (self->check_button, TRUE);
  gtk_widget_set_visible (self->continue_button, FALSE);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->continue_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  if (had_checked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

static void
apply_font_scale (CsPredictCard *self)
{
  g_autofree char *css = NULL;

  /* A percentage keeps the CSS free of the locale's decimal mark.  The
   * size is inherited by everything in the card.
   */
  css = g_strdup_printf ("* { font-size: %d%%; }", (int) (self->font_scale * 100 + 0.5));
  gtk_css_provider_load_from_data (self->scale_provider, css, -1);
}

static gboolean
submit_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  CsPredictCard *self = CS_PREDICT_CARD (widget);

  if (self->checked)
    return cs_predict_card_continue (self);
  return cs_predict_card_check (self);
}

static void
action_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CsPredictCard *self = CS_PREDICT_CARD (widget);

  if (g_str_equal (action_name, "predict.check"))
    cs_predict_card_check (self);
  else
    cs_predict_card_continue (self);
}

static void
cs_predict_card_dispose (GObject *object)
{
  CsPredictCard *self = CS_PREDICT_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PREDICT_CARD);
  g_clear_pointer (&self->question, cs_predict_question_free);

  G_OBJECT_CLASS (cs_predict_card_parent_class)->dispose (object);
}

static void
cs_predict_card_finalize (GObject *object)
{
  CsPredictCard *self = CS_PREDICT_CARD (object);

  g_clear_pointer (&self->choices, g_array_unref);
  g_clear_pointer (&self->verdict, g_free);
  g_clear_object (&self->scale_provider);

  G_OBJECT_CLASS (cs_predict_card_parent_class)->finalize (object);
}

static void
cs_predict_card_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CsPredictCard *self = CS_PREDICT_CARD (object);

  switch (prop_id)
    {
    case PROP_FONT_SCALE:
      g_value_set_double (value, self->font_scale);
      break;

    case PROP_CAN_CHECK:
      g_value_set_boolean (value, cs_predict_card_get_can_check (self));
      break;

    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_predict_card_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CsPredictCard *self = CS_PREDICT_CARD (object);

  switch (prop_id)
    {
    case PROP_FONT_SCALE:
      cs_predict_card_set_font_scale (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_predict_card_class_init (CsPredictCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_predict_card_dispose;
  object_class->finalize = cs_predict_card_finalize;
  object_class->get_property = cs_predict_card_get_property;
  object_class->set_property = cs_predict_card_set_property;

  /**
   * CsPredictCard:font-scale:
   *
   * How large the card's text is, relative to the normal size (the
   * font-scale setting, for projectors).
   */
  properties[PROP_FONT_SCALE] =
    g_param_spec_double ("font-scale", NULL, NULL,
                         0.5, 4.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CsPredictCard:can-check:
   *
   * Whether "Check" would mark the answer now: a question is shown, not
   * checked yet, and (for one-answer questions) a choice is made.
   */
  properties[PROP_CAN_CHECK] =
    g_param_spec_boolean ("can-check", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CsPredictCard:checked:
   *
   * Whether the answer has been checked (the marks are shown).
   */
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsPredictCard::checked:
   * @correct: whether the answer was right
   *
   * The answer was checked and marked.
   */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  /**
   * CsPredictCard::continued:
   *
   * The user asked to see the step ("Continue" or Enter after checking).
   */
  signals[CONTINUED] = g_signal_new ("continued", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-predict-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, card_box);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, heading_box);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, heading_label);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, hint_label);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, prompt_label);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, choices_grid);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, check_button);
  gtk_widget_class_bind_template_child (widget_class, CsPredictCard, continue_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "predictcard");

  gtk_widget_class_install_action (widget_class, "predict.check", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "predict.continue", NULL, action_cb);
}

static void
cs_predict_card_init (CsPredictCard *self)
{
  GtkEventController *controller;
  GtkShortcutAction *submit;
  const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->choices = g_array_new (FALSE, FALSE, sizeof (Choice));
  self->font_scale = 1.0;
  self->scale_provider = gtk_css_provider_new ();
  /* The provider applies to the card's own node; its children inherit the
   * size.  (GTK 4.10 deprecates per-widget providers; 4.8 is our floor.)
   */
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (self->scale_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  apply_font_scale (self);
  ensure_css (gdk_display_get_default ());

  /* Enter anywhere in the card checks, then continues; a focused check
   * button would otherwise take it as a toggle.  Space still toggles.
   */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  submit = gtk_callback_action_new (submit_cb, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (enter_keys[i], 0),
                                                            g_object_ref (submit)));
  g_object_unref (submit);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* A screen reader entering the card hears the question with it. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->prompt_label, NULL,
                                  -1);

  reset_state (self);
  update_actions (self);
}

/**
 * cs_predict_card_new:
 *
 * Returns: (transfer floating): a card without a question
 */
GtkWidget *
cs_predict_card_new (void)
{
  return g_object_new (CS_TYPE_PREDICT_CARD, NULL);
}

/**
 * cs_predict_card_get_question:
 *
 * Returns: (transfer none) (nullable): the question shown
 */
const CsPredictQuestion *
cs_predict_card_get_question (CsPredictCard *self)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), NULL);

  return self->question;
}

/**
 * cs_predict_card_set_question:
 * @question: (transfer full) (nullable): the question to ask
 *
 * Shows @question unanswered, replacing what the card showed.
 */
void
cs_predict_card_set_question (CsPredictCard     *self,
                              CsPredictQuestion *question)
{
  g_autofree char *prompt = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (CS_IS_PREDICT_CARD (self));

  clear_choices (self);
  g_clear_pointer (&self->question, cs_predict_question_free);
  self->question = question;
  reset_state (self);

  if (question != NULL)
    {
      prompt = cs_predict_markup_from_text (question->prompt);
      /* Translators: the card's heading; %u is the step number the
       * question is about.
       */
      heading = g_strdup_printf (_("Predict step %u"), question->step_index + 1);
      gtk_label_set_markup (self->prompt_label, prompt);
      gtk_label_set_text (self->heading_label, heading);
      gtk_label_set_text (self->hint_label, question->multiple ? _("Choose all that apply")
                                                               : _("Choose one"));
      build_choices (self);
    }
  else
    {
      gtk_label_set_text (self->prompt_label, "");
      gtk_label_set_text (self->heading_label, "");
      gtk_label_set_text (self->hint_label, "");
    }

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CHECK]);
}

double
cs_predict_card_get_font_scale (CsPredictCard *self)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), 1.0);

  return self->font_scale;
}

/**
 * cs_predict_card_set_font_scale:
 * @font_scale: 1.0 for the normal size
 */
void
cs_predict_card_set_font_scale (CsPredictCard *self,
                                double         font_scale)
{
  g_return_if_fail (CS_IS_PREDICT_CARD (self));

  font_scale = CLAMP (font_scale, 0.5, 4.0);
  if (G_APPROX_VALUE (self->font_scale, font_scale, 1e-9))
    return;

  self->font_scale = font_scale;
  apply_font_scale (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SCALE]);
}

/**
 * cs_predict_card_get_selected:
 *
 * Returns: whether choice @index is ticked
 */
gboolean
cs_predict_card_get_selected (CsPredictCard *self,
                              guint          index)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), FALSE);
  g_return_val_if_fail (index < self->choices->len, FALSE);

  return gtk_check_button_get_active (GTK_CHECK_BUTTON (g_array_index (self->choices, Choice, index).button));
}

/**
 * cs_predict_card_set_selected:
 *
 * Ticks or clears choice @index as a click would (for one-answer
 * questions, ticking one clears the others).  Ignored once checked.
 */
void
cs_predict_card_set_selected (CsPredictCard *self,
                              guint          index,
                              gboolean       selected)
{
  g_return_if_fail (CS_IS_PREDICT_CARD (self));
  g_return_if_fail (index < self->choices->len);

  if (self->checked)
    return;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (g_array_index (self->choices, Choice, index).button),
                               selected);
}

/**
 * cs_predict_card_get_choice_button:
 *
 * Returns: (transfer none): the GtkCheckButton of choice @index
 */
GtkWidget *
cs_predict_card_get_choice_button (CsPredictCard *self,
                                   guint          index)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), NULL);
  g_return_val_if_fail (index < self->choices->len, NULL);

  return g_array_index (self->choices, Choice, index).button;
}

gboolean
cs_predict_card_get_can_check (CsPredictCard *self)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), FALSE);

  if (self->question == NULL || self->checked)
    return FALSE;
  if (self->question->multiple)
    return TRUE;
  for (guint i = 0; i < self->choices->len; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (g_array_index (self->choices, Choice, i).button)))
      return TRUE;
  return FALSE;
}

gboolean
cs_predict_card_get_checked (CsPredictCard *self)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), FALSE);

  return self->checked;
}

/**
 * cs_predict_card_get_correct:
 *
 * Returns: whether the checked answer was right (%FALSE before checking)
 */
gboolean
cs_predict_card_get_correct (CsPredictCard *self)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), FALSE);

  return self->checked && self->correct;
}

/**
 * cs_predict_card_get_verdict:
 *
 * Returns: (nullable): the verdict after checking, with `code` in
 *   backticks ("Right!", "Not quite: `a1` and `a4` change")
 */
const char *
cs_predict_card_get_verdict (CsPredictCard *self)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), NULL);

  return self->verdict;
}

/**
 * cs_predict_card_focus_choices:
 *
 * Moves the keyboard focus to the first choice (or to Continue once
 * checked).
 */
void
cs_predict_card_focus_choices (CsPredictCard *self)
{
  g_return_if_fail (CS_IS_PREDICT_CARD (self));

  if (self->checked)
    gtk_widget_grab_focus (self->continue_button);
  else if (self->choices->len > 0)
    gtk_widget_grab_focus (g_array_index (self->choices, Choice, 0).button);
}

/**
 * cs_predict_card_check:
 *
 * Marks the answer: a mark per choice, the verdict, and "Continue" in
 * place of "Check".  Emits ::checked.
 *
 * Returns: %TRUE when the answer was checked now
 */
gboolean
cs_predict_card_check (CsPredictCard *self)
{
  g_autofree gboolean *selected = NULL;
  g_autofree char *markup = NULL;
  const char *state;
  gboolean had_focus;

  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), FALSE);

  if (!cs_predict_card_get_can_check (self))
    return FALSE;

  /* Before the choices stop taking the focus. */
  had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL;

  selected = g_new0 (gboolean, MAX (1, self->choices->len));
  for (guint i = 0; i < self->choices->len; i++)
    selected[i] = cs_predict_card_get_selected (self, i);

  self->checked = TRUE;
  self->correct = cs_predict_check (self->question, selected);
  for (guint i = 0; i < self->choices->len; i++)
    mark_choice (&g_array_index (self->choices, Choice, i), self->question->choices[i].correct, selected[i]);

  g_free (self->verdict);
  self->verdict = self->correct ? g_strdup (_("Right!")) : dup_wrong_verdict (self->question);
  markup = cs_predict_markup_from_text (self->verdict);
  state = self->correct ? "cs-right" : "cs-wrong";
  gtk_label_set_markup (self->verdict_label, markup);
  /* Continue gets the focus next: it says the verdict to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->continue_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (self->verdict_label),
                                  -1);
  gtk_image_set_from_icon_name (self->verdict_icon,
                                self->correct ? "object-select-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), "cs-predict-verdict-icon");
  set_state_class (GTK_WIDGET (self->verdict_icon), state);
  set_state_class (GTK_WIDGET (self->verdict_label), state);
  gtk_widget_set_visible (self->verdict_box, TRUE);
  gtk_widget_set_visible (self->heading_box, FALSE);

  /* Continue takes Check's place, and the focus if the card had it (once
   * its action is enabled: an insensitive button takes no focus).
   */
  update_actions (self);
  gtk_widget_set_visible (self->continue_button, TRUE);
  if (had_focus)
    gtk_widget_grab_focus (self->continue_button);
  gtk_widget_set_visible (self->check_button, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CHECK]);
  g_signal_emit (self, signals[CHECKED], 0, self->correct);
  return TRUE;
}

/**
 * cs_predict_card_continue:
 *
 * After checking: emits ::continued.
 *
 * Returns: %TRUE when ::continued was emitted
 */
gboolean
cs_predict_card_continue (CsPredictCard *self)
{
  g_return_val_if_fail (CS_IS_PREDICT_CARD (self), FALSE);

  if (!self->checked)
    return FALSE;
  g_signal_emit (self, signals[CONTINUED], 0);
  return TRUE;
}

/**
 * cs_predict_markup_from_text:
 * @text: text with `code` in backticks
 *
 * Pango markup of @text: everything escaped, code in monospace.  An
 * unpaired backtick stays as it is.
 *
 * Returns: (transfer full): the markup
 */
char *
cs_predict_markup_from_text (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return cs_markup_from_backticks (text, "font_family=\"monospace\" background=\"#808080\" bgalpha=\"20%\"");
}
