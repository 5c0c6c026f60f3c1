/* cs-window-private.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's state, shared by cs-window.c (class, actions) and
 * cs-window-document.c (files, running, stepping).
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "cs-canvas.h"
#include "cs-step-list.h"
#include "cs-lesson-browser.h"
#include "cs-lessons.h"
#include "cs-trace.h"
#include "cs-window.h"

G_BEGIN_DECLS

struct _CsWindow
{
  AdwApplicationWindow  parent_instance;

  /* Owned; NULL when the window runs without settings (some tests). */
  GSettings            *settings;

  /* Template children. */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  AdwStatusPage        *status_page;
  GtkButton            *open_button;
  GtkButton            *save_button;
  GtkButton            *export_button;
  GtkMenuButton        *menu_button;
  GtkWidget            *step_nav_box;
  GtkLabel             *step_counter_label;
  GtkStack             *content_stack;
  GtkSourceView        *editor_view;
  CsStepList           *step_list;     /* steps: ui/cs-step-list.c */
  GtkLabel             *step_source_label;
  GtkLabel             *caption_label;
  GtkLabel             *explanation_label;
  CsCanvas             *canvas;
  GtkTextView          *output_view;
  GtkWidget            *side_paned;
  GtkWidget            *output_scroller;
  gboolean              presenting;

  /* The document. */
  GFile                *file;          /* NULL: untitled. */
  char                 *display_name;
  CsTrace              *trace;         /* NULL until a text ran. */
  GPtrArray            *scenes;        /* CsScene or NULL (not laid out yet), one per step. */
  GHashTable           *storage_numbers; /* Storage serial → S number, for the run. */
  guint                 step;          /* Current step (0-based). */
  gboolean              modified;
  gboolean              loading;       /* Setting the buffer text. */
  gboolean              syncing_list;  /* Selecting a row from code. */
  guint                 rerun_id;      /* Debounce source. */
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *save_chooser;
  gboolean              close_confirmed;
  AdwMessageDialog     *unsaved_dialog;

  /* The lesson this document is (its id in lessons.json), or NULL. */
  char                 *lesson_id;

  /* lessons: the lesson index in the user's language and the browser in
   * the empty state (cs-window-lessons.c).
   */
  CsLessonIndex        *lessons;
  CsLessonBrowser      *lesson_browser;
  gboolean              lesson_next_offered;  /* The "Next Lesson" toast was shown. */

  /* prefs: playback and appearance (cs-window-playback.c). */
  GtkToggleButton      *play_button;
  GtkMenuButton        *speed_button;
  GSimpleAction        *play_action;
  GSimpleAction        *play_speed_action;
  gboolean              playing;
  double                play_speed;    /* 0.5, 1, 1.5 or 2. */
  guint                 play_id;       /* The next auto-advance. */
  guint                 play_last_step;
  CsTrace              *play_last_trace; /* Not a reference: compared only. */
  guint                 transition_ms; /* animation-ms / play_speed, on the canvas. */

  /* predict: predict-then-reveal mode (cs-window-predict.c). */
  GAction              *predict_action;      /* win.predict-mode */
  GtkWidget            *predict_card;        /* CsPredictCard, over the picture. */
  GtkWidget            *predict_revealer;
  GtkWidget            *predict_caption_box; /* Hidden while asking. */
  GtkWidget            *predict_score_label;
  GHashTable           *predict_answers;     /* Step + 1 → answered right (gboolean). */
  guint                 predict_right;
  guint                 predict_target;      /* The step the open question is about. */
  gboolean              predict_asking;

  /* files: export dialog and running export, recovery autosave, recent
   * files (cs-window-export.c, cs-recovery.c, cs-window-files.c). */
  GtkWidget            *export_dialog;       /* CsExportDialog, weak; or NULL. */
  GtkFileChooserNative *export_chooser;
  guint                 exporting;           /* Exports running. */
  char                 *recovery_id;         /* Stem of the recovery files, once written. */
  guint                 autosave_id;         /* Autosave debounce source. */
  GMenu                *recent_section;      /* "Open Recent" in the primary menu. */

  /* templates: the editor's "Add Step" menu (cs-window-templates.c). */
  GtkMenuButton        *add_step_button;
  GMenu                *add_step_menu;

  /* panels: the stride and autograd panels as tabs below the memory
   * picture, hover, selection and fit (cs-window-panels.c).
   */
  GtkPaned             *panels_paned;
  GtkWidget            *panels_box;
  GtkStack             *panels_stack;
  GtkStackPage         *strides_page;
  GtkStackPage         *autograd_page;
  GtkStack             *strides_stack;
  GtkStack             *autograd_stack;
  CsCanvas             *strides_canvas;
  CsCanvas             *autograd_canvas;
  CsTrace              *panels_trace;        /* A reference: the caches are for it. */
  GHashTable           *strides_scenes;      /* "step:serial" → CsScene */
  GPtrArray            *autograd_scenes;     /* CsScene or NULL, one per step. */
  guint64               panels_selected;     /* The view the user chose, 0: none. */
  guint64               panels_hovered;      /* The view under the pointer, 0: none. */
  guint                 panels_tick_id;      /* Splits the space once allocated. */
};

/* cs-window-document.c */
void     cs_window_document_init        (CsWindow   *self);
void     cs_window_document_dispose     (CsWindow   *self);
void     cs_window_show_content         (CsWindow   *self,
                                         gboolean    document);
void     cs_window_set_step             (CsWindow   *self,
                                         guint       step,
                                         gboolean    animate);
void     cs_window_update_actions       (CsWindow   *self);
void     cs_window_relayout             (CsWindow   *self);
void     cs_window_run_text             (CsWindow   *self,
                                         const char *text);
void     cs_window_choose_file          (CsWindow   *self);
gboolean cs_window_save                 (CsWindow   *self,
                                         GError    **error);
void     cs_window_choose_save_file     (CsWindow   *self);
void     cs_window_open_with_chooser    (CsWindow   *self);
void     cs_window_show_message         (CsWindow   *self,
                                         const char *heading,
                                         const char *body);

/* cs-window-document.c: for the lessons (cs-window-lessons.c) */
typedef void (*CsWindowThenFunc) (CsWindow *self,
                                  gpointer  data);
void     cs_window_confirm_then_call    (CsWindow         *self,
                                         CsWindowThenFunc  func,
                                         gpointer          data,
                                         GDestroyNotify    destroy);
void     cs_window_load_text            (CsWindow   *self,
                                         GFile      *file,
                                         const char *title,
                                         const char *text);

/* cs-window-lessons.c */
void           cs_window_lessons_class_init (GtkWidgetClass *widget_class);
void           cs_window_lessons_init       (CsWindow       *self);
void           cs_window_lessons_dispose    (CsWindow       *self);
CsLessonIndex *cs_window_get_lessons        (CsWindow       *self);
void           cs_window_lessons_update     (CsWindow       *self);
const char    *cs_window_lessons_get_file_name (CsWindow    *self);

/* prefs: cs-window-playback.c */
void     cs_window_playback_class_init  (GtkWidgetClass *widget_class);
void     cs_window_playback_init        (CsWindow   *self);
void     cs_window_playback_settings_init (CsWindow *self);
void     cs_window_playback_dispose     (CsWindow   *self);
void     cs_window_playback_update      (CsWindow   *self);
void     cs_window_playback_stop        (CsWindow   *self);
void     cs_window_playback_update_duration (CsWindow *self);

/* cs-window-predict.c */
void       cs_window_predict_init      (CsWindow   *self);
void       cs_window_predict_dispose   (CsWindow   *self);
gboolean   cs_window_predict_intercept (CsWindow   *self,
                                        guint       target);
void       cs_window_predict_cancel    (CsWindow   *self);
void       cs_window_predict_reset     (CsWindow   *self);
gboolean   cs_window_predict_is_asking (CsWindow   *self);
GtkWidget *cs_window_predict_get_card  (CsWindow   *self);
void       cs_window_predict_get_score (CsWindow   *self,
                                        guint      *answered,
                                        guint      *right);

/* files: cs-window-files.c (recent files, Save As, drops), cs-recovery.c */
void     cs_window_files_init           (CsWindow   *self);
void     cs_window_files_dispose        (CsWindow   *self);
void     cs_window_add_recent           (CsWindow   *self,
                                         GFile      *file);
gboolean cs_window_save_as              (CsWindow   *self,
                                         GFile      *file,
                                         GError    **error);
gboolean cs_window_drop_value           (CsWindow   *self,
                                         const GValue *value);
void     cs_window_set_modified         (CsWindow   *self,
                                         gboolean    modified);
void     cs_window_load_unsaved_text    (CsWindow   *self,
                                         GFile      *file,
                                         const char *text);
void     cs_window_recovery_schedule    (CsWindow   *self);
void     cs_window_recovery_clear       (CsWindow   *self);

/* panels: cs-window-panels.c */
void     cs_window_panels_class_init    (GtkWidgetClass *widget_class);
void     cs_window_panels_init          (CsWindow   *self);
void     cs_window_panels_constructed   (CsWindow   *self);
void     cs_window_panels_dispose       (CsWindow   *self);
void     cs_window_panels_show_step     (CsWindow   *self,
                                         gboolean    animate,
                                         gboolean    backwards);
void     cs_window_panels_relayout      (CsWindow   *self);
guint64  cs_window_panels_get_explained (CsWindow   *self);

/* templates: cs-window-templates.c */
void     cs_window_templates_class_init  (GtkWidgetClass *widget_class);
void     cs_window_templates_init        (CsWindow   *self);
void     cs_window_templates_dispose     (CsWindow   *self);
void     cs_window_templates_update_menu (CsWindow   *self);
gboolean cs_window_templates_add         (CsWindow   *self,
                                          const char *id);

/* cs-window-export.c */
void     cs_window_choose_export_file   (CsWindow   *self);
gboolean cs_window_confirm_close        (CsWindow   *self);

G_END_DECLS
