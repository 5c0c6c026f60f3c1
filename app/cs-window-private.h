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
  GtkListBox           *step_list;
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
