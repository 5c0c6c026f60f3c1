/* cs-window-lessons.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in course in the window: the lesson browser in the empty
 * state (with each lesson's stored practice progress, kept up to date),
 * opening a lesson in the user's language, and win.show-lessons to go
 * back.  The lessons are read from the GResource, so they are the same
 * in the build tree, installed and in the Flatpak.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-lesson-browser.h"
#include "cs-lessons.h"
#include "cs-progress.h"
#include "cs-window-private.h"

#define LESSON_INDEX_URI "resource://" RESOURCE_BASE "/lessons/lessons.json"

static gboolean
get_progress_cb (const char *lesson_id,
                 guint      *answered,
                 guint      *correct,
                 guint      *total,
                 gpointer    user_data)
{
  CsWindow *self = user_data;
  CsProgress progress;

  if (self->settings == NULL || !cs_progress_get (self->settings, lesson_id, &progress))
    return FALSE;

  *answered = progress.answered;
  *correct = progress.correct;
  *total = progress.total;
  return TRUE;
}

static void
lesson_progress_changed_cb (CsWindow   *self,
                            const char *key,
                            GSettings  *settings)
{
  cs_lesson_browser_refresh_progress (self->lesson_browser);
}

static void
lesson_activated_cb (CsWindow        *self,
                     const char      *lesson_id,
                     CsLessonBrowser *browser)
{
  cs_window_open_lesson (self, lesson_id);
}

static void
open_lesson_now (CsWindow *self,
                 gpointer  data)
{
  const char *lesson_id = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  const CsLesson *lesson;

  lesson = self->lessons ? cs_lesson_index_lookup (self->lessons, lesson_id) : NULL;
  if (lesson == NULL)
    return;

  text = cs_lesson_index_load_text (self->lessons, lesson, &error);
  if (text == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the system's reason. */
      message = g_strdup_printf (_("Could not open the lesson: %s"), error->message);
      cs_window_add_toast (self, adw_toast_new (message));
      return;
    }

  /* Set before loading, so whatever starts with the new document (the
   * predict mode) already knows which lesson it is.
   */
  g_free (self->lesson_id);
  self->lesson_id = g_strdup (lesson->id);
  self->lesson_next_offered = FALSE;
  cs_window_load_text (self, NULL, lesson->title, text);
}

/* The lesson after the open one, or NULL. */
static const CsLesson *
get_next_lesson (CsWindow *self)
{
  const CsLesson *lesson;

  if (self->lessons == NULL || self->lesson_id == NULL)
    return NULL;
  lesson = cs_lesson_index_lookup (self->lessons, self->lesson_id);
  if (lesson == NULL || lesson->number >= cs_lesson_index_get_n (self->lessons))
    return NULL;
  return cs_lesson_index_get (self->lessons, lesson->number);
}

static void
next_lesson_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CsWindow *self = CS_WINDOW (widget);
  const CsLesson *next = get_next_lesson (self);

  if (next != NULL)
    cs_window_open_lesson (self, next->id);
}

static void
show_lessons_now (CsWindow *self,
                  gpointer  data)
{
  /* Nothing unsaved is left: empty the document, then show the browser. */
  cs_window_load_text (self, NULL, NULL, "");
  g_clear_pointer (&self->lesson_id, g_free);
  cs_window_show_content (self, FALSE);
  cs_lesson_browser_refresh_progress (self->lesson_browser);
  gtk_widget_grab_focus (GTK_WIDGET (self->lesson_browser));
}

static void
show_lessons_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cs_window_show_lessons (CS_WINDOW (widget));
}

/**
 * cs_window_lessons_class_init:
 *
 * The lesson browser's template child and win.show-lessons (Ctrl+L).
 * CsWindow's class_init calls it.
 */
void
cs_window_lessons_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (CS_TYPE_LESSON_BROWSER);
  gtk_widget_class_bind_template_child (widget_class, CsWindow, lesson_browser);

  gtk_widget_class_install_action (widget_class, "win.show-lessons", NULL, show_lessons_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "win.show-lessons", NULL);
  gtk_widget_class_install_action (widget_class, "win.next-lesson", NULL, next_lesson_action_cb);
}

/**
 * cs_window_lessons_update:
 *
 * Enables win.next-lesson while a lesson that has a next one is open, and
 * the first time such a lesson reaches its last step, offers the next
 * lesson in a toast.  cs_window_update_actions() calls it on every step.
 */
void
cs_window_lessons_update (CsWindow *self)
{
  const CsLesson *next = get_next_lesson (self);
  guint n = self->scenes ? self->scenes->len : 0;
  gboolean document = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                 "document") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-lesson", document && next != NULL);

  if (document && next != NULL && n > 0 && self->step + 1 == n && !self->lesson_next_offered)
    {
      g_autofree char *title = NULL;
      AdwToast *toast;

      self->lesson_next_offered = TRUE;
      /* Translators: shown at a lesson's last step; %s is the next lesson's title. */
      title = g_strdup_printf (_("End of the lesson. Next: %s"), next->title);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Next Lesson"));
      adw_toast_set_action_name (toast, "win.next-lesson");
      adw_toast_set_timeout (toast, 10);
      cs_window_add_toast (self, toast);
    }
}

/**
 * cs_window_lessons_init:
 *
 * Reads the lesson index and fills the browser; with settings, shows each
 * lesson's stored progress and the predict-mode switch.  CsWindow calls
 * it once the settings are set (constructed).
 */
void
cs_window_lessons_init (CsWindow *self)
{
  g_autoptr (GFile) file = g_file_new_for_uri (LESSON_INDEX_URI);
  g_autoptr (GError) error = NULL;
  GtkWidget *viewport;

  g_signal_connect_object (self->lesson_browser, "lesson-activated",
                           G_CALLBACK (lesson_activated_cb), self, G_CONNECT_SWAPPED);

  /* The welcome page scrolls as one: "Open a Scenario" under the lessons
   * gets its natural height, not the little its own scroller asks for.
   */
  viewport = gtk_widget_get_ancestor (GTK_WIDGET (self->lesson_browser), GTK_TYPE_VIEWPORT);
  if (viewport != NULL)
    gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);

  self->lessons = cs_lesson_index_load (file, &error);
  if (self->lessons == NULL)
    {
      /* The index is compiled into the program: this is a build bug. */
      g_warning ("Cannot read the built-in lessons: %s", error->message);
      return;
    }

  if (self->settings != NULL)
    {
      cs_lesson_browser_set_progress_func (self->lesson_browser, get_progress_cb, self, NULL);
      g_signal_connect_object (self->settings, "changed::lesson-progress",
                               G_CALLBACK (lesson_progress_changed_cb), self, G_CONNECT_SWAPPED);
      g_settings_bind (self->settings, "predict-mode", self->lesson_browser, "predict-mode",
                       G_SETTINGS_BIND_DEFAULT);
      cs_lesson_browser_set_show_predict (self->lesson_browser, TRUE);
    }
  cs_lesson_browser_set_index (self->lesson_browser, self->lessons);
}

void
cs_window_lessons_dispose (CsWindow *self)
{
  if (self->lesson_browser != NULL)
    cs_lesson_browser_set_progress_func (self->lesson_browser, NULL, NULL, NULL);
  g_clear_pointer (&self->lessons, cs_lesson_index_unref);
}

/**
 * cs_window_show_lessons:
 *
 * win.show-lessons: after asking about unsaved changes, closes the
 * document and shows the lesson browser.
 */
void
cs_window_show_lessons (CsWindow *self)
{
  g_return_if_fail (CS_IS_WINDOW (self));

  cs_window_confirm_then_call (self, show_lessons_now, NULL, NULL);
}

/**
 * cs_window_get_lessons:
 *
 * Returns: (transfer none) (nullable): the lesson index the window shows,
 *   in the user's language
 */
CsLessonIndex *
cs_window_get_lessons (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->lessons;
}

/**
 * cs_window_get_lesson_id:
 *
 * Returns: (nullable): the id of the open lesson, %NULL when the document
 *   is not a lesson
 */
const char *
cs_window_get_lesson_id (CsWindow *self)
{
  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  return self->lesson_id;
}

/**
 * cs_window_lessons_get_file_name:
 *
 * Returns: the name Save As suggests: the open lesson's file name
 *   ("03-shallow-copy.py"), else "scenario.py"
 */
const char *
cs_window_lessons_get_file_name (CsWindow *self)
{
  const CsLesson *lesson;

  g_return_val_if_fail (CS_IS_WINDOW (self), NULL);

  lesson = self->lessons ? cs_lesson_index_lookup (self->lessons, self->lesson_id) : NULL;
  return lesson != NULL ? lesson->file : "scenario.py";
}

/**
 * cs_window_open_lesson:
 * @lesson_id: an id from lessons.json ("03-shallow-copy")
 *
 * Opens a built-in lesson in the user's language, after asking about
 * unsaved changes like Open does.  The document is the lesson's text, not
 * tied to a file (Save asks where to save it); the title is the lesson's.
 * Without unsaved changes this happens before the call returns.
 */
void
cs_window_open_lesson (CsWindow   *self,
                       const char *lesson_id)
{
  g_return_if_fail (CS_IS_WINDOW (self));
  g_return_if_fail (lesson_id != NULL);

  if (self->lessons == NULL || cs_lesson_index_lookup (self->lessons, lesson_id) == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a lesson's id such as "03-shallow-copy". */
      message = g_strdup_printf (_("There is no lesson “%s”"), lesson_id);
      cs_window_add_toast (self, adw_toast_new (message));
      return;
    }

  cs_window_confirm_then_call (self, open_lesson_now, g_strdup (lesson_id), g_free);
}
