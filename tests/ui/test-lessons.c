/* test-lessons.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lesson browser in the real window under Xvfb: it lists every lesson
 * (English, then Chinese), shows stored progress and follows it live,
 * opens a lesson in the user's language, and win.show-lessons goes back
 * through the unsaved-changes path.  Captures lesson-browser.png and
 * lesson-browser-zh_CN.png (tools/update-screenshots.sh copies them to
 * docs/screenshots/).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <locale.h>
#include <string.h>

#include "cs-i18n.h"
#include "cs-lesson-browser.h"
#include "cs-progress.h"
#include "cs-ui-test.h"
#include "cs-window-private.h"
#include "cs-window.h"

/* The size of the README screenshot. */
#define SHOT_WIDTH  960
#define SHOT_HEIGHT 640

/* What lessons.json lists, in order (checked against the file itself by
 * tests/core/test-lessons.c and the prose check).
 */
static const char *lesson_ids[] = {
  "01-names-and-assignment", "02-rebinding", "03-shallow-copy", "04-deep-copy",
  "05-list-copies", "06-numpy-views", "07-tensor-constructors", "08-clone-and-detach",
  "09-transpose-views", "10-contiguous", "11-view-and-reshape", "12-inplace-and-autograd",
  "13-gradient-accumulation",
};

static const char *titles_en[] = {
  "Names and assignment", "Rebinding a name", "Shallow copies with copy.copy",
  "Deep copies, shared inner objects and cycles", "Slicing and list() copies",
  "NumPy views and copies", "torch.Tensor, torch.tensor, from_numpy and as_tensor",
  "clone() and detach()", "Transpose is a view", "contiguous() makes a copy",
  "view() and reshape()", "In-place operations and autograd errors",
  "Gradient accumulation and zero_()",
};

static const char *titles_zh_CN[] = {
  "名字与赋值", "重新绑定名字", "copy.copy 浅拷贝", "深拷贝、共享的内层对象与循环引用",
  "切片与 list() 复制", "NumPy 的视图与副本", "torch.Tensor、torch.tensor、from_numpy 与 as_tensor",
  "clone() 与 detach()", "转置是视图", "contiguous() 会复制", "view() 与 reshape()",
  "原地操作与 autograd 错误", "梯度累加与 zero_()",
};

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (APP_ID);

  g_settings_set_int (settings, "window-width", SHOT_WIDTH);
  g_settings_set_int (settings, "window-height", SHOT_HEIGHT);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  g_settings_set_boolean (settings, "predict-mode", FALSE);
  g_settings_reset (settings, "lesson-progress");
  return settings;
}

static CsWindow *
new_window (GSettings *settings)
{
  CsWindow *window = g_object_ref (cs_window_new (NULL, settings));

  gtk_window_present (GTK_WINDOW (window));
  cs_ui_test_wait_until_drawn (GTK_WIDGET (window));
  cs_ui_test_spin (50);
  return window;
}

static CsLessonBrowser *
get_browser (CsWindow *window)
{
  GtkWidget *browser = cs_ui_test_find_of_type (GTK_WIDGET (window), CS_TYPE_LESSON_BROWSER);

  g_assert_nonnull (browser);
  return CS_LESSON_BROWSER (browser);
}

static char *
read_lesson_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "lessons", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
get_editor_text (CsWindow *window)
{
  GtkWidget *view = cs_ui_test_find_of_type (GTK_WIDGET (window), GTK_SOURCE_TYPE_VIEW);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (view);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static const char *
get_title (CsWindow *window)
{
  GtkWidget *title = cs_ui_test_find_of_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);

  g_assert_nonnull (title);
  return adw_window_title_get_title (ADW_WINDOW_TITLE (title));
}

/* Every row of the browser shows its lesson's number and @titles[i]. */
static void
assert_lists_lessons (CsLessonBrowser    *browser,
                      const char * const *titles)
{
  g_assert_null (cs_lesson_browser_get_row (browser, G_N_ELEMENTS (lesson_ids)));

  for (guint i = 0; i < G_N_ELEMENTS (lesson_ids); i++)
    {
      GtkWidget *row = cs_lesson_browser_get_row (browser, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_is_drawable (row));
      g_assert_true (gtk_widget_get_focusable (row));
      if (cs_ui_test_find_label (GTK_WIDGET (row), titles[i]) == NULL)
        g_error ("row %u does not show “%s”", i, titles[i]);
      g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (row), number));
    }
}

typedef struct
{
  CsLessonBrowser *browser;
  guint            index;
  const char      *text;
} ProgressWait;

static gboolean
row_shows_cb (gpointer data)
{
  ProgressWait *wait = data;

  return g_strcmp0 (cs_lesson_browser_get_progress_text (wait->browser, wait->index), wait->text) == 0;
}

static void
assert_row_progress (CsLessonBrowser *browser,
                     guint            index,
                     const char      *text)
{
  ProgressWait wait = { browser, index, text };
  GtkWidget *row = cs_lesson_browser_get_row (browser, index);

  if (!cs_ui_test_wait_for (row_shows_cb, &wait, 2000))
    g_error ("row %u shows “%s”, expected “%s”", index,
             cs_lesson_browser_get_progress_text (browser, index), text);
  /* And it is what is on screen. */
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (row), text));
}

typedef struct
{
  CsWindow   *window;
  const char *lesson_id;
} LessonWait;

static gboolean
lesson_open_cb (gpointer data)
{
  LessonWait *wait = data;

  return g_strcmp0 (cs_window_get_lesson_id (wait->window), wait->lesson_id) == 0;
}

/* Activates @row as Enter or a click does (a button says "clicked" after
 * its press animation) and waits for @lesson_id to open.
 */
static void
activate_and_wait (CsWindow   *window,
                   GtkWidget  *row,
                   const char *lesson_id)
{
  LessonWait wait = { window, lesson_id };

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate (row));
  g_assert_true (cs_ui_test_wait_for (lesson_open_cb, &wait, 3000));
  cs_ui_test_spin (50);
}

/* A capture of what is on screen once every change has been drawn (the
 * paintable is empty while a redraw is pending).
 */
static GdkTexture *
capture (CsWindow *window)
{
  gtk_widget_queue_draw (GTK_WIDGET (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return cs_ui_test_capture (GTK_WIDGET (window));
}

static void
record (GSettings  *settings,
        const char *lesson_id,
        guint       answered,
        guint       correct,
        guint       total)
{
  CsProgress progress = { answered, correct, total };

  g_assert_true (cs_progress_record (settings, lesson_id, &progress));
}

static void
test_browser (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  CsLessonBrowser *browser;
  CsWindow *window;
  GtkWidget *label;

  /* Progress stored before the window opens is shown at once. */
  record (settings, "01-names-and-assignment", 6, 5, 6);

  window = new_window (settings);
  browser = get_browser (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (browser)));
  g_assert_cmpstr (get_title (window), ==, "Copyscope");
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (browser), "Learn How Python and PyTorch Share Memory"));
  assert_lists_lessons (browser, titles_en);

  assert_row_progress (browser, 0, "Completed · 5 of 6 right");
  for (guint i = 1; i < G_N_ELEMENTS (lesson_ids); i++)
    assert_row_progress (browser, i, "Not practised yet");
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (browser), "1 of 13 completed"));

  /* Progress recorded while the browser is shown appears live, in the
   * right row.
   */
  record (settings, "02-rebinding", 4, 3, 6);
  assert_row_progress (browser, 1, "4 of 6 answered · 3 right");
  assert_row_progress (browser, 2, "Not practised yet");
  record (settings, "03-shallow-copy", 2, 1, 0);
  assert_row_progress (browser, 2, "2 answered · 1 right");
  record (settings, "02-rebinding", 6, 6, 6);
  assert_row_progress (browser, 1, "Completed · 6 of 6 right");
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (browser), "2 of 13 completed"));
  /* Back to the screenshot's state: one done, one under way. */
  cs_progress_reset (settings, "02-rebinding");
  record (settings, "02-rebinding", 4, 3, 6);
  assert_row_progress (browser, 1, "4 of 6 answered · 3 right");
  cs_progress_reset (settings, "03-shallow-copy");
  assert_row_progress (browser, 2, "Not practised yet");

  /* The switch and the predict-mode setting are one. */
  g_assert_true (cs_lesson_browser_get_show_predict (browser));
  g_assert_false (cs_lesson_browser_get_predict_mode (browser));
  g_settings_set_boolean (settings, "predict-mode", TRUE);
  g_assert_true (cs_lesson_browser_get_predict_mode (browser));
  cs_lesson_browser_set_predict_mode (browser, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "predict-mode"));
  label = cs_ui_test_find_label (GTK_WIDGET (browser), "Predict Before Each Step");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_drawable (label));

  /* The page scrolls (the whole course does not fit 640 px), and the
   * browser is as wide as the window's content.
   */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (browser)), >, SHOT_WIDTH - 60);

  texture = capture (window);
  cs_ui_test_assert_not_blank (texture);
  path = cs_ui_test_save_artifact (texture, "lesson-browser.png");

  /* The page scrolls down to "Open a Scenario", under the last lesson. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (browser), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    GtkWidget *status_page = cs_ui_test_find_of_type (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
    g_autoptr (GdkTexture) end = NULL;
    g_autofree char *end_path = NULL;
    graphene_point_t top;

    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    cs_ui_test_spin (100);
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    end = capture (window);
    g_assert_true (gtk_widget_compute_point (status_page, scroller, &GRAPHENE_POINT_INIT (0, 0), &top));
    g_assert_cmpfloat (top.y, >=, 0);
    g_assert_cmpfloat (top.y, <, gtk_widget_get_height (scroller));
    end_path = cs_ui_test_save_artifact (end, "lesson-browser-end.png");
  }

  cs_ui_test_close_and_finalize (window);
}

/* Answers the unsaved-changes dialog as clicking @response does (the
 * response, then the dialog closes), and checks it asked about @name.
 */
static void
answer_dialog (const char *name,
               const char *response)
{
  GtkWidget *dialog = NULL;

  for (guint i = 0; i < 100 && dialog == NULL; i++)
    {
      dialog = cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG);
      if (dialog == NULL)
        cs_ui_test_spin (10);
    }
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), name));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_close (GTK_WINDOW (dialog));
  cs_ui_test_spin (50);
  g_assert_null (cs_ui_test_find_visible_dialog (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_open_and_back (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autofree char *expected = read_lesson_file ("03-shallow-copy.py");
  g_autofree char *text = NULL;
  CsLessonBrowser *browser;
  GtkWidget *row;
  GtkTextBuffer *buffer;
  CsWindow *window;

  window = new_window (settings);
  browser = get_browser (window);

  /* Activating row 3 (as Enter or a click does) opens lesson 3. */
  row = cs_lesson_browser_get_row (browser, 2);
  activate_and_wait (window, row, "03-shallow-copy");

  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "03-shallow-copy");
  text = get_editor_text (window);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (cs_window_get_n_steps (window), >, 3);
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (browser)));
  g_assert_cmpstr (get_title (window), ==, "Shallow copies with copy.copy");
  /* Not tied to a file: Save asks where (Save As), suggesting the
   * lesson's file name.
   */
  g_assert_null (cs_window_get_file (window));
  g_assert_cmpstr (cs_window_lessons_get_file_name (window), ==, "03-shallow-copy.py");
  g_assert_false (cs_window_get_modified (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-next", NULL));
  g_assert_cmpuint (cs_window_get_step (window), ==, 1);

  /* At the last step the next lesson is offered, once. */
  g_assert_null (cs_ui_test_find_label (GTK_WIDGET (window),
                                        "End of the lesson. Next: Deep copies, shared inner objects and cycles"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL));
  cs_ui_test_spin (100);
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (window),
                                           "End of the lesson. Next: Deep copies, shared inner objects and cycles"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL));
  cs_ui_test_spin (100);
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "04-deep-copy");
  g_assert_cmpstr (get_title (window), ==, "Deep copies, shared inner objects and cycles");
  g_assert_cmpuint (cs_window_get_step (window), ==, 0);

  /* The last lesson has no next one. */
  cs_window_open_lesson (window, "13-gradient-accumulation");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step-last", NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.next-lesson", NULL);
  cs_ui_test_spin (50);
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "13-gradient-accumulation");

  /* Ctrl+L's action goes back to the browser, closing the lesson. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-lessons", NULL));
  cs_ui_test_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (browser)));
  g_assert_null (cs_window_get_lesson_id (window));
  g_assert_cmpuint (cs_window_get_n_steps (window), ==, 0);
  g_assert_cmpstr (get_title (window), ==, "Copyscope");

  /* Another lesson, by id; then an edit, and going back asks first. */
  cs_window_open_lesson (window, "09-transpose-views");
  cs_ui_test_spin (100);
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "09-transpose-views");
  g_assert_cmpstr (get_title (window), ==, "Transpose is a view");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cs_ui_test_find_of_type (GTK_WIDGET (window),
                                                                              GTK_SOURCE_TYPE_VIEW)));
  gtk_text_buffer_insert_at_cursor (buffer, "x = 1\n", -1);
  g_assert_true (cs_window_get_modified (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-lessons", NULL));
  answer_dialog ("Transpose is a view", "cancel");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (browser)));
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "09-transpose-views");
  g_assert_true (cs_window_get_modified (window));

  /* Opening a lesson over unsaved changes asks too. */
  cs_window_open_lesson (window, "01-names-and-assignment");
  answer_dialog ("Transpose is a view", "cancel");
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "09-transpose-views");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-lessons", NULL));
  answer_dialog ("Transpose is a view", "discard");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (browser)));
  g_assert_null (cs_window_get_lesson_id (window));
  g_assert_false (cs_window_get_modified (window));

  /* A file opened after a lesson is not that lesson. */
  cs_window_open_lesson (window, "02-rebinding");
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "02-rebinding");
  {
    g_autofree char *file_path = g_test_build_filename (G_TEST_DIST, "data", "03_article_copy_copy.py", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (file_path);

    cs_window_open_file (window, file);
    cs_ui_test_spin (50);
    g_assert_nonnull (cs_window_get_file (window));
    g_assert_null (cs_window_get_lesson_id (window));
    g_assert_cmpstr (cs_window_lessons_get_file_name (window), ==, "scenario.py");
  }

  cs_ui_test_close_and_finalize (window);
}

/* The browser fits a phone-sized window: nothing wider than 360 px. */
static void
test_narrow (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  CsLessonBrowser *browser;
  CsWindow *window;
  int min_width;

  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 640);
  window = new_window (settings);
  browser = get_browser (window);

  gtk_widget_measure (GTK_WIDGET (browser), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (browser)), <=, gtk_widget_get_width (GTK_WIDGET (window)));
  assert_lists_lessons (browser, titles_en);

  texture = capture (window);
  cs_ui_test_assert_not_blank (texture);
  path = cs_ui_test_save_artifact (texture, "lesson-browser-narrow.png");

  cs_ui_test_close_and_finalize (window);
}

/* Keyboard: the browser gives the focus to lesson 1, arrows and Tab go
 * from lesson to lesson, Enter (activate) opens the focused one.
 */
static void
test_keyboard (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  CsLessonBrowser *browser;
  CsWindow *window;

  window = new_window (settings);
  browser = get_browser (window);

  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (browser)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cs_lesson_browser_get_row (browser, 0));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_DOWN));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cs_lesson_browser_get_row (browser, 1));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cs_lesson_browser_get_row (browser, 2));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_UP));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == cs_lesson_browser_get_row (browser, 1));

  activate_and_wait (window, gtk_root_get_focus (GTK_ROOT (window)), lesson_ids[1]);
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, lesson_ids[1]);

  cs_ui_test_close_and_finalize (window);
}

/* Runs last: it switches the process to Chinese, as test-window does.
 * glibc ignores LANGUAGE in the "C" locale but honours it in C.UTF-8.
 */
static void
test_translated (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = read_lesson_file ("01-names-and-assignment.zh_CN.py");
  g_autofree char *text = NULL;
  CsLessonBrowser *browser;
  CsWindow *window;

  cs_ui_test_set_language ("zh_CN");

  record (settings, "01-names-and-assignment", 6, 5, 6);
  record (settings, "02-rebinding", 4, 3, 6);
  window = new_window (settings);
  browser = get_browser (window);
  assert_lists_lessons (browser, titles_zh_CN);
  g_assert_nonnull (cs_ui_test_find_label (GTK_WIDGET (browser), "了解 Python 与 PyTorch 如何共享内存"));
  assert_row_progress (browser, 0, "已完成 · 答对 5/6 题");
  assert_row_progress (browser, 1, "已答 4/6 题 · 答对 3 题");
  assert_row_progress (browser, 2, "尚未练习");

  texture = capture (window);
  cs_ui_test_assert_not_blank (texture);
  path = cs_ui_test_save_artifact (texture, "lesson-browser-zh_CN.png");

  /* The Chinese lesson opens, with its Chinese title. */
  activate_and_wait (window, cs_lesson_browser_get_row (browser, 0), "01-names-and-assignment");
  g_assert_cmpstr (cs_window_get_lesson_id (window), ==, "01-names-and-assignment");
  text = get_editor_text (window);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpstr (get_title (window), ==, "名字与赋值");
  g_assert_cmpstr (cs_window_lessons_get_file_name (window), ==, "01-names-and-assignment.zh_CN.py");
  g_assert_cmpuint (cs_window_get_n_steps (window), >, 0);

  cs_ui_test_close_and_finalize (window);

  cs_ui_test_set_language (NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  cs_i18n_init ();

  /* What CsApplication gets from its resource base by itself. */
  cs_ui_test_use_app_style ();

  g_test_add_func ("/ui/lessons/browser", test_browser);
  g_test_add_func ("/ui/lessons/open-and-back", test_open_and_back);
  g_test_add_func ("/ui/lessons/narrow", test_narrow);
  g_test_add_func ("/ui/lessons/keyboard", test_keyboard);
  g_test_add_func ("/ui/lessons/translated", test_translated);

  return g_test_run ();
}
