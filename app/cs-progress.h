/* cs-progress.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Practice progress per lesson, kept in the "lesson-progress" GSettings
 * key (a{s(uuu)}: lesson id → answered, right, questions).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint answered;   /* Questions answered in the best run. */
  guint correct;    /* Of those, answered right. */
  guint total;      /* Questions the lesson asks (0: not known yet). */
} CsProgress;

gboolean cs_progress_get      (GSettings        *settings,
                               const char       *lesson_id,
                               CsProgress       *out);
gboolean cs_progress_record   (GSettings        *settings,
                               const char       *lesson_id,
                               const CsProgress *progress);
void     cs_progress_reset    (GSettings        *settings,
                               const char       *lesson_id);
gboolean cs_progress_is_better (const CsProgress *a,
                                const CsProgress *b);

G_END_DECLS
