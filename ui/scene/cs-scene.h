/* cs-scene.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A scene is a finished picture in abstract units (px at zoom 1): boxes,
 * cells, arrows and text runs with absolute coordinates.  The layout makes
 * scenes, the painter draws them, and tests query them.  Every box and arrow
 * has a stable key ("obj:12", "name:a", "storage:3", "arrow:name:a"), so
 * two scenes of consecutive steps can be matched and interpolated.
 *
 * Scenes are built once and then only read, so the widget and export can
 * share them (reference counted).
 */

typedef enum
{
  CS_BOX_PILL,        /* A name. */
  CS_BOX_CARD,        /* An ndarray / Tensor / scalar header card. */
  CS_BOX_CONTAINER,   /* A list, tuple or dict: type block + slots. */
  CS_BOX_STRIP,       /* A storage: cap + cells. */
  CS_BOX_PANEL,       /* A grey panel (autograd graph, stride panel). */
  CS_BOX_NODE,        /* An autograd function node. */
  CS_BOX_CHIP,        /* A tensor chip in the autograd graph. */
  CS_BOX_MINI_STRIP,  /* A purple .grad strip in the graph. */
  CS_BOX_GRID,        /* The stride panel's logical grid (cells only). */
  CS_BOX_EXAMPLE,     /* The stride panel's worked example (title only). */
} CsBoxKind;

typedef enum
{
  CS_BOX_FLAG_NONE = 0,
  CS_BOX_FLAG_NEW = 1 << 0,        /* Ring + (for cards) a `new` badge. */
  CS_BOX_FLAG_CHANGED = 1 << 1,    /* Ring only. */
  CS_BOX_FLAG_DASHED = 1 << 2,     /* Dashed border (detached chip). */
  CS_BOX_FLAG_DOUBLE = 1 << 3,     /* Second inner outline (AccumulateGrad). */
  CS_BOX_FLAG_HATCHED = 1 << 4,    /* 45° hatch over the tint (5th+ storage). */
} CsBoxFlags;

typedef enum
{
  CS_BADGE_PLAIN,     /* view, contiguous */
  CS_BADGE_DASHED,    /* not contiguous */
  CS_BADGE_LEAF,      /* leaf (purple) */
  CS_BADGE_NEW,       /* new (yellow) */
} CsBadgeStyle;

typedef enum
{
  CS_VALUE_PLAIN,
  CS_VALUE_BOLD,
  CS_VALUE_GRAD_FN,   /* A grad_fn class name, in purple. */
  CS_VALUE_DIM,
} CsValueStyle;

typedef struct
{
  char         *text;
  CsBadgeStyle  style;
  double        x, y, width, height;
} CsBadge;

/* One "key value" pair on a card fact row.  When @mini is set the value is
 * drawn as a purple mini strip of those cells (the `grad` row).
 */
typedef struct
{
  char         *key;
  char         *value;
  CsValueStyle  style;
  char        **mini;
  double        x, baseline;     /* Where the key starts. */
  double        value_x;         /* Where the value (or mini strip) starts. */
} CsFact;

/* A slot of a container, a cell of a storage strip or of a mini strip. */
typedef struct
{
  double    x, y, width, height;
  char     *text;       /* Inline value, or NULL when @is_ref. */
  char     *label;      /* Index or dict key, drawn small (may be NULL). */
  gboolean  is_ref;     /* A dot that starts an arrow. */
  gboolean  bold;       /* Written in this step. */
  gboolean  changed;    /* Ring around the cell. */
  char     *old_text;   /* Delta tag "old → new" when not NULL. */
  gboolean  focus;      /* 2 px focus outline. */
} CsCell;

typedef enum
{
  CS_LANE_RAIL,       /* 1-D, storage order: a rail with dots. */
  CS_LANE_LABELS,     /* Logical index under every covered cell. */
} CsLaneKind;

/* A coverage lane under a storage strip. */
typedef struct
{
  CsLaneKind   kind;
  double       y;          /* Rail centre or label baseline. */
  char        *title;      /* "a · a1 · a4" or the view's name. */
  guint        n_cells;
  char       **labels;     /* n_cells entries, "" where not covered (LABELS). */
  gboolean    *covered;    /* n_cells flags (RAIL). */
  gboolean     descending; /* Rail reads right to left (negative stride). */
} CsLane;

typedef struct
{
  CsBoxKind   kind;
  char       *key;
  char       *ref_key;      /* What the box shows: "obj:N", "storage:N", NULL. */
  double      x, y, width, height;
  char       *title;        /* Name, type, cap label, class name. */
  char       *subtitle;     /* dtype, "len 3", strip meta, panel heading. */
  char       *note;         /* Dim note to the right ("a[0] is b[0]"). */
  int         color_index;  /* Storage colour, -1 for neutral. */
  CsBoxFlags  flags;
  GPtrArray  *badges;       /* CsBadge */
  GPtrArray  *facts;        /* CsFact */
  GPtrArray  *cells;        /* CsCell */
  GPtrArray  *lanes;        /* CsLane (strips) */
  double      cap_width;    /* Strips: width of the cap. */
  double      label_y;      /* Strips: baseline of the index row. */
} CsBox;

typedef enum
{
  CS_ARROW_NEUTRAL,   /* name → object, slot → object */
  CS_ARROW_STORAGE,   /* object → storage, in the storage colour */
  CS_ARROW_GRAPH,     /* autograd edge, grey, vertical */
  CS_ARROW_DETACH,    /* dashed, cut, no arrowhead */
  CS_ARROW_LINK,      /* plain line without head (leaf → x.grad) */
  CS_ARROW_MAPPING,   /* grid cell → storage cell, dots at both ends */
} CsArrowStyle;

typedef enum
{
  CS_ROUTE_HORIZONTAL,  /* Horizontal tangents at both ends. */
  CS_ROUTE_DOWN_RIGHT,  /* Leaves vertically, arrives horizontally. */
  CS_ROUTE_VERTICAL,    /* Vertical tangents (graph edges). */
  CS_ROUTE_LOOP,        /* Back to its own card: a handle over its top edge. */
} CsRoute;

typedef struct
{
  char         *key;
  char         *source_key;  /* Box key the arrow starts on. */
  char         *target_key;  /* Box key the arrow ends on. */
  CsArrowStyle  style;
  CsRoute       route;
  int           color_index; /* For CS_ARROW_STORAGE. */
  double        x0, y0;      /* Start (centre of the start dot). */
  double        x1, y1;      /* Tip of the arrowhead, on the target edge. */
  double        dot_radius;  /* 0 for none. */
  char         *capsule;     /* Gradient value riding on the edge. */
  double        via_x;       /* Mapping lines: the gutter they drop through, */
  double        via_y;       /* and the row gap they turn in (0: straight). */
  gboolean      focus;       /* Drawn 2.5 px in the focus colour. */
  int           pulse_order; /* Order of the gradient pulse, -1 for none. */
} CsArrow;

typedef enum
{
  CS_TEXT_COLUMN_HEADER,  /* sans bold 13, uppercase, spaced, dim */
  CS_TEXT_NOTE,           /* mono 14 dim */
  CS_TEXT_SMALL,          /* sans 13 dim */
  CS_TEXT_LABEL,          /* sans bold 14 */
  CS_TEXT_INDEX,          /* mono 13 dim: i=0, j=1 */
  CS_TEXT_FORMULA,        /* mono 17 */
} CsTextRole;

typedef struct
{
  CsTextRole  role;
  double      x, baseline;
  char       *text;
  gboolean    align_right;
} CsText;

typedef struct _CsScene CsScene;

struct _CsScene
{
  /*< private >*/
  gint        ref_count;
  GHashTable *box_index;
  GHashTable *arrow_index;

  /*< public, read-only once built >*/
  double      width, height;
  double      font_scale;

  /* Header and caption strips.  With has_frame FALSE the scene is only the
   * memory picture (widget use); the header and caption are then not drawn.
   */
  gboolean    has_frame;
  guint       line;
  char       *code;
  guint       step_index;   /* 0-based */
  guint       n_steps;
  char       *caption;
  char       *error;        /* "ZeroDivisionError: division by zero" */

  GPtrArray  *boxes;        /* CsBox, in paint order */
  GPtrArray  *arrows;       /* CsArrow */
  GPtrArray  *texts;        /* CsText */
  guint       n_pulses;
};

#define CS_SCENE_HEADER_HEIGHT 80.0
#define CS_SCENE_CAPTION_HEIGHT 68.0

CsScene       *cs_scene_new              (void) G_GNUC_WARN_UNUSED_RESULT;
CsScene       *cs_scene_ref              (CsScene       *scene);
void           cs_scene_unref            (CsScene       *scene);

CsBox         *cs_scene_add_box          (CsScene       *scene,
                                          CsBoxKind      kind,
                                          const char    *key,
                                          double         x,
                                          double         y,
                                          double         width,
                                          double         height);
CsArrow       *cs_scene_add_arrow        (CsScene       *scene,
                                          const char    *key,
                                          CsArrowStyle   style,
                                          const char    *source_key,
                                          const char    *target_key,
                                          double         x0,
                                          double         y0,
                                          double         x1,
                                          double         y1);
CsText        *cs_scene_add_text         (CsScene       *scene,
                                          CsTextRole     role,
                                          double         x,
                                          double         baseline,
                                          const char    *text);

CsBadge       *cs_box_add_badge          (CsBox         *box,
                                          const char    *text,
                                          CsBadgeStyle   style);
CsFact        *cs_box_add_fact           (CsBox         *box,
                                          const char    *key,
                                          const char    *value,
                                          CsValueStyle   style);
CsCell        *cs_box_add_cell           (CsBox         *box,
                                          double         x,
                                          double         y,
                                          double         width,
                                          double         height,
                                          const char    *text,
                                          const char    *label);
CsLane        *cs_box_add_lane           (CsBox         *box,
                                          CsLaneKind     kind,
                                          double         y,
                                          const char    *title,
                                          guint          n_cells);

const CsBox   *cs_scene_find_box         (const CsScene *scene,
                                          const char    *key);
const CsArrow *cs_scene_find_arrow       (const CsScene *scene,
                                          const char    *key);
void           cs_scene_set_header       (CsScene       *scene,
                                          guint          line,
                                          const char    *code,
                                          guint          step_index,
                                          guint          n_steps);
void           cs_scene_set_caption      (CsScene       *scene,
                                          const char    *caption);
void           cs_scene_set_error        (CsScene       *scene,
                                          const char    *error);

/* Queries for tests and accessibility. */
gboolean       cs_box_contains_point     (const CsBox   *box,
                                          double         x,
                                          double         y,
                                          double         tolerance);
gboolean       cs_box_on_edge            (const CsBox   *box,
                                          double         x,
                                          double         y,
                                          double         tolerance);
gboolean       cs_box_overlaps           (const CsBox   *a,
                                          const CsBox   *b,
                                          double         margin);
void           cs_arrow_point_at         (const CsArrow *arrow,
                                          double         s,
                                          double        *x,
                                          double        *y);
void           cs_arrow_control_points   (const CsArrow *arrow,
                                          double        *c1x,
                                          double        *c1y,
                                          double        *c2x,
                                          double        *c2y);
const CsBox   *cs_scene_box_at           (const CsScene *scene,
                                          double         x,
                                          double         y);
char          *cs_scene_to_text          (const CsScene *scene) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsScene, cs_scene_unref)

G_END_DECLS
