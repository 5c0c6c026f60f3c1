/* cs-lesson-browser.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The welcome page's course: a heading, the predict-mode switch and a
 * card with one button per lesson (number, title, one-line summary,
 * practice progress), separated like a boxed list.  The widget reads no settings: the window
 * gives it the lesson index, a function that looks progress up, and binds
 * the predict-mode setting to its property.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-lesson-browser.h"
#include "cs-markup.h"

struct _CsLessonBrowser
{
  GtkWidget             parent_instance;

  /* Template children. */
  GtkWidget            *clamp;
  GtkWidget            *predict_box;
  GtkSwitch            *predict_switch;
  GtkWidget            *lesson_list;
  GtkLabel             *summary_label;

  CsLessonIndex        *index;
  GPtrArray            *rows;          /* GtkButton, one per lesson. */
  CsLessonProgressFunc  progress_func;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
};

G_DEFINE_FINAL_TYPE (CsLessonBrowser, cs_lesson_browser, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_PREDICT_MODE,
  PROP_SHOW_PREDICT,
  N_PROPS
};

enum {
  LESSON_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a row keeps about itself (g_object_set_data). */
#define ROW_LESSON_ID      "cs-lesson-id"
#define ROW_PROGRESS_TEXT  "cs-progress-text"
#define ROW_PROGRESS_LABEL "cs-progress-label"
#define ROW_PROGRESS_ICON  "cs-progress-icon"

/**
 * cs_lesson_browser_format_progress:
 * @answered: questions answered in the best run
 * @correct: of those, answered right
 * @total: questions the lesson asks, 0 when not known
 *
 * Returns: (transfer full): "Not practised yet", "4 of 6 answered · 3
 *   right" or "Completed · 5 of 6 right", translated
 */
char *
cs_lesson_browser_format_progress (guint answered,
                                   guint correct,
                                   guint total)
{
  if (answered == 0)
    return g_strdup (_("Not practised yet"));
  if (total > 0 && answered >= total)
    /* Translators: a lesson's progress: "Completed · 5 of 6 right". */
    return g_strdup_printf (_("Completed · %u of %u right"), correct, total);
  if (total > 0)
    /* Translators: a lesson's progress: "4 of 6 answered · 3 right". */
    return g_strdup_printf (_("%u of %u answered · %u right"), answered, total, correct);
  /* Translators: a lesson's progress when its number of questions is not
   * known: "4 answered · 3 right".
   */
  return g_strdup_printf (_("%u answered · %u right"), answered, correct);
}

static void
update_row_progress (CsLessonBrowser *self,
                     GtkWidget       *row,
                     const CsLesson  *lesson,
                     guint           *completed)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), ROW_PROGRESS_LABEL);
  GtkImage *icon = g_object_get_data (G_OBJECT (row), ROW_PROGRESS_ICON);
  guint answered = 0, correct = 0, total = 0;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *plain_summary = NULL;
  gboolean done;

  if (self->progress_func == NULL
      || !self->progress_func (lesson->id, &answered, &correct, &total, self->progress_data))
    answered = correct = total = 0;

  done = answered > 0 && total > 0 && answered >= total;
  if (done)
    (*completed)++;

  text = cs_lesson_browser_format_progress (answered, correct, total);
  gtk_label_set_text (label, text);
  gtk_image_set_from_icon_name (icon, done ? "emblem-ok-symbolic"
                                           : answered > 0 ? "document-edit-symbolic" : "radio-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "accent");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "accent");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (icon), "dim-label");
  if (done)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "success");
    }
  else if (answered > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "accent");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "accent");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (icon), "dim-label");
    }
  g_object_set_data_full (G_OBJECT (row), ROW_PROGRESS_TEXT, g_strdup (text), g_free);

  /* Screen readers hear "Lesson 3: Shallow copies with copy.copy", then
   * the summary and the progress.
   */
  /* Translators: a lesson row's accessible name: "Lesson 3: Rebinding a name". */
  name = g_strdup_printf (_("Lesson %u: %s"), lesson->number, lesson->title);
  plain_summary = cs_markup_strip_backticks (lesson->summary);
  description = g_strdup_printf ("%s %s", plain_summary, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
row_clicked_cb (CsLessonBrowser *self,
                GtkButton       *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), ROW_LESSON_ID);

  if (id != NULL)
    g_signal_emit (self, signals[LESSON_ACTIVATED], 0, id);
}

static GtkWidget *
make_row (CsLessonBrowser *self,
          const CsLesson  *lesson)
{
  GtkWidget *row, *box, *number, *text_box, *title, *summary, *progress_box, *icon, *label, *arrow;
  g_autofree char *number_text = g_strdup_printf ("%u", lesson->number);
  g_autofree char *markup = cs_markup_from_backticks (lesson->summary, "font_family=\"monospace\"");
  g_autofree char *tooltip = cs_markup_strip_backticks (lesson->summary);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  number = gtk_label_new (number_text);
  gtk_widget_set_valign (number, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (number, "cs-lesson-number");
  gtk_widget_add_css_class (number, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (number), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), number);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text_box);

  title = gtk_label_new (lesson->title);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (title, "cs-lesson-title");
  gtk_box_append (GTK_BOX (text_box), title);

  summary = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (summary), markup);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_wrap (GTK_LABEL (summary), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (summary), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (summary), 2);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_add_css_class (summary, "cs-lesson-summary");
  gtk_box_append (GTK_BOX (text_box), summary);

  progress_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (progress_box, "cs-lesson-progress");
  icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  gtk_box_append (GTK_BOX (progress_box), icon);
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (progress_box), label);
  gtk_box_append (GTK_BOX (text_box), progress_box);

  arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_box_append (GTK_BOX (box), arrow);

  row = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (row), box);
  gtk_widget_add_css_class (row, "flat");
  gtk_widget_add_css_class (row, "cs-lesson-row");
  gtk_widget_set_tooltip_text (row, tooltip);
  g_signal_connect_object (row, "clicked", G_CALLBACK (row_clicked_cb), self, G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (row), ROW_LESSON_ID, g_strdup (lesson->id), g_free);
  g_object_set_data (G_OBJECT (row), ROW_PROGRESS_LABEL, label);
  g_object_set_data (G_OBJECT (row), ROW_PROGRESS_ICON, icon);

  return row;
}

static void
rebuild (CsLessonBrowser *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->lesson_list)) != NULL)
    gtk_box_remove (GTK_BOX (self->lesson_list), child);
  g_ptr_array_set_size (self->rows, 0);

  if (self->index == NULL)
    return;

  for (guint i = 0; i < cs_lesson_index_get_n (self->index); i++)
    {
      GtkWidget *row = make_row (self, cs_lesson_index_get (self->index, i));

      if (i > 0)
        gtk_box_append (GTK_BOX (self->lesson_list), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
      g_ptr_array_add (self->rows, row);
      gtk_box_append (GTK_BOX (self->lesson_list), row);
    }

  cs_lesson_browser_refresh_progress (self);
}

static gboolean
cs_lesson_browser_grab_focus (GtkWidget *widget)
{
  CsLessonBrowser *self = CS_LESSON_BROWSER (widget);

  if (self->rows->len > 0)
    return gtk_widget_grab_focus (g_ptr_array_index (self->rows, 0));
  return GTK_WIDGET_CLASS (cs_lesson_browser_parent_class)->grab_focus (widget);
}

static void
cs_lesson_browser_dispose (GObject *object)
{
  CsLessonBrowser *self = CS_LESSON_BROWSER (object);

  cs_lesson_browser_set_progress_func (self, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_LESSON_BROWSER);
  g_clear_pointer (&self->index, cs_lesson_index_unref);

  G_OBJECT_CLASS (cs_lesson_browser_parent_class)->dispose (object);
}

static void
cs_lesson_browser_finalize (GObject *object)
{
  CsLessonBrowser *self = CS_LESSON_BROWSER (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (cs_lesson_browser_parent_class)->finalize (object);
}

static void
cs_lesson_browser_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CsLessonBrowser *self = CS_LESSON_BROWSER (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_pointer (value, self->index);
      break;

    case PROP_PREDICT_MODE:
      g_value_set_boolean (value, cs_lesson_browser_get_predict_mode (self));
      break;

    case PROP_SHOW_PREDICT:
      g_value_set_boolean (value, cs_lesson_browser_get_show_predict (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_lesson_browser_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CsLessonBrowser *self = CS_LESSON_BROWSER (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      cs_lesson_browser_set_index (self, g_value_get_pointer (value));
      break;

    case PROP_PREDICT_MODE:
      cs_lesson_browser_set_predict_mode (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_PREDICT:
      cs_lesson_browser_set_show_predict (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
predict_switch_notify_cb (CsLessonBrowser *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREDICT_MODE]);
}

static void
cs_lesson_browser_class_init (CsLessonBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_lesson_browser_dispose;
  object_class->finalize = cs_lesson_browser_finalize;
  object_class->get_property = cs_lesson_browser_get_property;
  object_class->set_property = cs_lesson_browser_set_property;

  widget_class->grab_focus = cs_lesson_browser_grab_focus;

  /**
   * CsLessonBrowser:index: (type gpointer)
   *
   * The CsLessonIndex the browser lists, in the index's language.
   */
  properties[PROP_INDEX] =
    g_param_spec_pointer ("index", NULL, NULL,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CsLessonBrowser:predict-mode:
   *
   * The state of the "Predict Before Each Step" switch.
   */
  properties[PROP_PREDICT_MODE] =
    g_param_spec_boolean ("predict-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CsLessonBrowser:show-predict:
   *
   * Whether the predict-mode switch is shown (only when there is a
   * setting to keep it in).
   */
  properties[PROP_SHOW_PREDICT] =
    g_param_spec_boolean ("show-predict", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CsLessonBrowser::lesson-activated:
   * @lesson_id: the id of the lesson the user chose
   */
  signals[LESSON_ACTIVATED] =
    g_signal_new ("lesson-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/cs-lesson-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, CsLessonBrowser, clamp);
  gtk_widget_class_bind_template_child (widget_class, CsLessonBrowser, predict_box);
  gtk_widget_class_bind_template_child (widget_class, CsLessonBrowser, predict_switch);
  gtk_widget_class_bind_template_child (widget_class, CsLessonBrowser, lesson_list);
  gtk_widget_class_bind_template_child (widget_class, CsLessonBrowser, summary_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessonbrowser");
}

static void
cs_lesson_browser_init (CsLessonBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  g_signal_connect_object (self->predict_switch, "notify::active",
                           G_CALLBACK (predict_switch_notify_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
cs_lesson_browser_new (void)
{
  return g_object_new (CS_TYPE_LESSON_BROWSER, NULL);
}

/**
 * cs_lesson_browser_get_index:
 *
 * Returns: (transfer none) (nullable): the index listed
 */
CsLessonIndex *
cs_lesson_browser_get_index (CsLessonBrowser *self)
{
  g_return_val_if_fail (CS_IS_LESSON_BROWSER (self), NULL);

  return self->index;
}

/**
 * cs_lesson_browser_set_index:
 * @index: (nullable): the lessons to list
 */
void
cs_lesson_browser_set_index (CsLessonBrowser *self,
                             CsLessonIndex   *index)
{
  g_return_if_fail (CS_IS_LESSON_BROWSER (self));

  if (self->index == index)
    return;

  g_clear_pointer (&self->index, cs_lesson_index_unref);
  self->index = index ? cs_lesson_index_ref (index) : NULL;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

/**
 * cs_lesson_browser_set_progress_func:
 * @func: (nullable): looks up a lesson's progress; %NULL: none is shown
 *
 * Sets where progress comes from and shows it.
 */
void
cs_lesson_browser_set_progress_func (CsLessonBrowser      *self,
                                     CsLessonProgressFunc  func,
                                     gpointer              user_data,
                                     GDestroyNotify        destroy)
{
  g_return_if_fail (CS_IS_LESSON_BROWSER (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);
  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;

  if (func != NULL)
    cs_lesson_browser_refresh_progress (self);
}

/**
 * cs_lesson_browser_refresh_progress:
 *
 * Looks every lesson's progress up again (call it when it changed).
 */
void
cs_lesson_browser_refresh_progress (CsLessonBrowser *self)
{
  g_autofree char *summary = NULL;
  guint completed = 0;

  g_return_if_fail (CS_IS_LESSON_BROWSER (self));

  if (self->index == NULL)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    update_row_progress (self, g_ptr_array_index (self->rows, i),
                         cs_lesson_index_get (self->index, i), &completed);

  /* Translators: above the lesson list, "2 of 13 completed". */
  summary = g_strdup_printf (_("%u of %u completed"), completed, self->rows->len);
  gtk_label_set_text (self->summary_label, summary);
}

gboolean
cs_lesson_browser_get_predict_mode (CsLessonBrowser *self)
{
  g_return_val_if_fail (CS_IS_LESSON_BROWSER (self), FALSE);

  return gtk_switch_get_active (self->predict_switch);
}

void
cs_lesson_browser_set_predict_mode (CsLessonBrowser *self,
                                    gboolean         predict_mode)
{
  g_return_if_fail (CS_IS_LESSON_BROWSER (self));

  /* The switch notifies predict-mode when it changes. */
  gtk_switch_set_active (self->predict_switch, !!predict_mode);
}

gboolean
cs_lesson_browser_get_show_predict (CsLessonBrowser *self)
{
  g_return_val_if_fail (CS_IS_LESSON_BROWSER (self), FALSE);

  return gtk_widget_get_visible (self->predict_box);
}

void
cs_lesson_browser_set_show_predict (CsLessonBrowser *self,
                                    gboolean         show_predict)
{
  g_return_if_fail (CS_IS_LESSON_BROWSER (self));

  show_predict = !!show_predict;
  if (show_predict == cs_lesson_browser_get_show_predict (self))
    return;

  gtk_widget_set_visible (self->predict_box, show_predict);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PREDICT]);
}

/**
 * cs_lesson_browser_get_row:
 * @index: a lesson's position (0-based)
 *
 * Returns: (transfer none) (nullable): the button of lesson @index
 *   (activating it opens the lesson), %NULL past the last lesson
 */
GtkWidget *
cs_lesson_browser_get_row (CsLessonBrowser *self,
                           guint            index)
{
  g_return_val_if_fail (CS_IS_LESSON_BROWSER (self), NULL);

  if (index >= self->rows->len)
    return NULL;
  return g_ptr_array_index (self->rows, index);
}

/**
 * cs_lesson_browser_get_progress_text:
 * @index: a lesson's position (0-based)
 *
 * Returns: (nullable): the progress row @index shows
 */
const char *
cs_lesson_browser_get_progress_text (CsLessonBrowser *self,
                                     guint            index)
{
  g_return_val_if_fail (CS_IS_LESSON_BROWSER (self), NULL);

  if (index >= self->rows->len)
    return NULL;
  return g_object_get_data (g_ptr_array_index (self->rows, index), ROW_PROGRESS_TEXT);
}
