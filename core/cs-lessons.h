/* cs-lessons.h
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in course's index (data/lessons/lessons.json, format
 * "copyscope-lessons/1"): each lesson's id, and its file, title and summary
 * per language.  An index shows one language, picked from the user's
 * language list, with English wherever a translation is missing.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CS_LESSONS_FORMAT "copyscope-lessons/1"

#define CS_LESSONS_ERROR (cs_lessons_error_quark ())

typedef enum
{
  CS_LESSONS_ERROR_READ,     /* The index could not be read. */
  CS_LESSONS_ERROR_PARSE,    /* Not JSON. */
  CS_LESSONS_ERROR_FORMAT,   /* JSON, but not "copyscope-lessons/1". */
  CS_LESSONS_ERROR_INVALID,  /* A lesson entry is missing or has a bad field. */
} CsLessonsError;

typedef struct _CsLessonIndex CsLessonIndex;

/* One lesson as the index's language shows it.  Every string is owned by
 * the index and stays valid until it is freed or its language changes.
 */
typedef struct
{
  const char *id;        /* "03-shallow-copy". */
  guint       number;    /* 1-based position in the course. */
  const char *title;
  const char *summary;
  const char *file;      /* A file name in the index's folder. */
  const char *language;  /* The language of @file: "en" or a translation's. */
} CsLesson;

GQuark          cs_lessons_error_quark          (void);

const char     *cs_lessons_pick_language        (const char * const *names);

CsLessonIndex  *cs_lesson_index_load            (GFile              *file,
                                                 GError            **error);
CsLessonIndex  *cs_lesson_index_new_from_bytes  (GBytes             *bytes,
                                                 GFile              *folder,
                                                 GError            **error);
CsLessonIndex  *cs_lesson_index_ref             (CsLessonIndex      *self);
void            cs_lesson_index_unref           (CsLessonIndex      *self);

guint           cs_lesson_index_get_n           (CsLessonIndex      *self);
const CsLesson *cs_lesson_index_get             (CsLessonIndex      *self,
                                                 guint               index);
const CsLesson *cs_lesson_index_lookup          (CsLessonIndex      *self,
                                                 const char         *id);
const char     *cs_lesson_index_get_language    (CsLessonIndex      *self);
void            cs_lesson_index_set_language    (CsLessonIndex      *self,
                                                 const char         *language);

G_GNUC_WARN_UNUSED_RESULT
GFile          *cs_lesson_index_get_lesson_file (CsLessonIndex      *self,
                                                 const CsLesson     *lesson);
G_GNUC_WARN_UNUSED_RESULT
char           *cs_lesson_index_load_text       (CsLessonIndex      *self,
                                                 const CsLesson     *lesson,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CsLessonIndex, cs_lesson_index_unref)

G_END_DECLS
