/* cs-lesson-browser.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-lessons.h"

G_BEGIN_DECLS

#define CS_TYPE_LESSON_BROWSER (cs_lesson_browser_get_type ())

G_DECLARE_FINAL_TYPE (CsLessonBrowser, cs_lesson_browser, CS, LESSON_BROWSER, GtkWidget)

/* Fills in a lesson's practice progress; returns FALSE when it has none.
 * The browser asks for every row when the index is set and on
 * cs_lesson_browser_refresh_progress().
 */
typedef gboolean (*CsLessonProgressFunc) (const char *lesson_id,
                                          guint      *answered,
                                          guint      *correct,
                                          guint      *total,
                                          gpointer    user_data);

GtkWidget     *cs_lesson_browser_new                 (void);
CsLessonIndex *cs_lesson_browser_get_index           (CsLessonBrowser      *self);
void           cs_lesson_browser_set_index           (CsLessonBrowser      *self,
                                                      CsLessonIndex        *index);
void           cs_lesson_browser_set_progress_func   (CsLessonBrowser      *self,
                                                      CsLessonProgressFunc  func,
                                                      gpointer              user_data,
                                                      GDestroyNotify        destroy);
void           cs_lesson_browser_refresh_progress    (CsLessonBrowser      *self);
gboolean       cs_lesson_browser_get_predict_mode    (CsLessonBrowser      *self);
void           cs_lesson_browser_set_predict_mode    (CsLessonBrowser      *self,
                                                      gboolean              predict_mode);
gboolean       cs_lesson_browser_get_show_predict    (CsLessonBrowser      *self);
void           cs_lesson_browser_set_show_predict    (CsLessonBrowser      *self,
                                                      gboolean              show_predict);
GtkWidget     *cs_lesson_browser_get_row             (CsLessonBrowser      *self,
                                                      guint                 index);
const char    *cs_lesson_browser_get_progress_text   (CsLessonBrowser      *self,
                                                      guint                 index);
char          *cs_lesson_browser_format_progress     (guint                 answered,
                                                      guint                 correct,
                                                      guint                 total) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
