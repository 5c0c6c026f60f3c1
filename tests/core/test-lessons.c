/* test-lessons.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cs-lessons.h"

static CsLessonIndex *
load_real_index (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = NULL;
  CsLessonIndex *index;

  file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "..", "data", "lessons",
                                                   "lessons.json", NULL));
  index = cs_lesson_index_load (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (index);
  return index;
}

/* The "# title:" line of a scenario text. */
static char *
title_line (const char *text)
{
  const char *start = strstr (text, "# title: ");
  const char *end;

  g_assert_nonnull (start);
  start += strlen ("# title: ");
  end = strchr (start, '\n');
  return g_strndup (start, end ? (gsize) (end - start) : strlen (start));
}

static void
test_real_index (void)
{
  g_autoptr (CsLessonIndex) index = load_real_index ();
  const char *languages[] = { "en", "zh_CN" };

  g_assert_cmpuint (cs_lesson_index_get_n (index), ==, 13);

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      cs_lesson_index_set_language (index, languages[l]);
      g_assert_cmpstr (cs_lesson_index_get_language (index), ==, languages[l]);

      for (guint i = 0; i < cs_lesson_index_get_n (index); i++)
        {
          g_autoptr (GError) error = NULL;
          const CsLesson *lesson = cs_lesson_index_get (index, i);
          g_autofree char *text = NULL;
          g_autofree char *title = NULL;

          g_assert_cmpuint (lesson->number, ==, i + 1);
          g_assert_cmpstr (lesson->language, ==, languages[l]);
          g_assert_true (g_str_has_suffix (lesson->file, l == 0 ? ".py" : ".zh_CN.py"));
          g_assert_true (g_str_has_prefix (lesson->file, lesson->id));
          g_assert_cmpuint (strlen (lesson->summary), >, 10);

          /* The index's title is the file's own "# title:" line. */
          text = cs_lesson_index_load_text (index, lesson, &error);
          g_assert_no_error (error);
          title = title_line (text);
          g_assert_cmpstr (title, ==, lesson->title);
          g_assert_true (cs_lesson_index_lookup (index, lesson->id) == lesson);
        }
    }

  cs_lesson_index_set_language (index, "en");
  g_assert_cmpstr (cs_lesson_index_get (index, 0)->id, ==, "01-names-and-assignment");
  g_assert_cmpstr (cs_lesson_index_get (index, 0)->title, ==, "Names and assignment");
  g_assert_cmpstr (cs_lesson_index_get (index, 0)->file, ==, "01-names-and-assignment.py");
  g_assert_cmpstr (cs_lesson_index_get (index, 12)->title, ==, "Gradient accumulation and zero_()");
  cs_lesson_index_set_language (index, "zh_CN");
  g_assert_cmpstr (cs_lesson_index_get (index, 0)->title, ==, "名字与赋值");
  g_assert_cmpstr (cs_lesson_index_get (index, 0)->file, ==, "01-names-and-assignment.zh_CN.py");
  g_assert_cmpstr (cs_lesson_index_get (index, 8)->title, ==, "转置是视图");

  g_assert_cmpuint (cs_lesson_index_lookup (index, "03-shallow-copy")->number, ==, 3);
  g_assert_null (cs_lesson_index_lookup (index, "03-shallow"));
  g_assert_null (cs_lesson_index_lookup (index, NULL));
}

typedef struct
{
  const char *names;     /* Colon-separated, like $LANGUAGE. */
  const char *expected;
} PickCase;

static const PickCase pick_cases[] = {
  /* LANG=zh_CN.UTF-8 */
  { "zh_CN.UTF-8:zh_CN:zh.UTF-8:zh:C", "zh_CN" },
  { "zh_CN.utf8@pinyin:zh_CN:zh:C", "zh_CN" },
  { "zh_Hans_CN:zh_Hans:zh:C", "zh_CN" },
  { "zh_SG:zh:C", "zh_CN" },
  /* LANGUAGE=zh_CN with LC_ALL=C.UTF-8 (how the tests switch). */
  { "zh_CN:zh:C.UTF-8:C", "zh_CN" },
  /* Traditional Chinese has no lessons of its own; gettext's "zh" rule. */
  { "zh_TW.UTF-8:zh_TW:zh.UTF-8:zh:C", "zh_CN" },
  { "en_US.UTF-8:en_US:en.UTF-8:en:C", "en" },
  { "en_GB:en:zh_CN:zh:C", "en" },
  { "C.UTF-8:C", "en" },
  { "POSIX", "en" },
  /* French first: no lessons in French, so the next language counts. */
  { "fr_FR.UTF-8:fr_FR:fr:zh_CN:zh:C", "zh_CN" },
  { "de_DE:de:en:zh_CN:C", "en" },
  { "fr_FR:fr", "en" },
  /* "eng" and "zhx" are not English or Chinese. */
  { "eng:zhx:zh_CN", "zh_CN" },
  { "", "en" },
};

static void
test_pick_language (gconstpointer data)
{
  const PickCase *c = data;
  g_auto (GStrv) names = *c->names ? g_strsplit (c->names, ":", -1) : g_new0 (char *, 1);

  g_assert_cmpstr (cs_lessons_pick_language ((const char * const *) names), ==, c->expected);
}

/* The user's environment decides when no list is given. */
static void
test_pick_from_environment (void)
{
  g_autoptr (CsLessonIndex) index = NULL;

  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_assert_cmpstr (cs_lessons_pick_language (NULL), ==, "zh_CN");
  index = load_real_index ();
  g_assert_cmpstr (cs_lesson_index_get_language (index), ==, "zh_CN");
  g_assert_cmpstr (cs_lesson_index_get (index, 1)->title, ==, "重新绑定名字");

  g_setenv ("LANGUAGE", "en_US:zh_CN", TRUE);
  g_assert_cmpstr (cs_lessons_pick_language (NULL), ==, "en");
  cs_lesson_index_set_language (index, NULL);
  g_assert_cmpstr (cs_lesson_index_get (index, 1)->title, ==, "Rebinding a name");

  g_unsetenv ("LANGUAGE");
  /* tests/meson.build sets LC_ALL=C.UTF-8. */
  g_assert_cmpstr (cs_lessons_pick_language (NULL), ==, "en");
}

static CsLessonIndex *
index_from_text (const char  *json,
                 GError     **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (json, strlen (json));

  return cs_lesson_index_new_from_bytes (bytes, NULL, error);
}

/* A translation that is missing falls back to English, per field. */
static void
test_fallback (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CsLessonIndex) index = NULL;
  const CsLesson *lesson;

  index = index_from_text ("{\"format\": \"copyscope-lessons/1\", \"lessons\": ["
                           " {\"id\": \"a\", \"files\": {\"en\": \"a.py\"},"
                           "  \"title\": {\"en\": \"A\", \"zh_CN\": \"甲\"},"
                           "  \"summary\": {\"en\": \"About A\"}},"
                           " {\"id\": \"b\", \"files\": {\"en\": \"b.py\", \"zh_CN\": \"b.zh_CN.py\"},"
                           "  \"title\": {\"en\": \"B\"},"
                           "  \"summary\": {\"en\": \"About B\", \"zh_CN\": \"关于乙\"}}]}",
                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_lesson_index_get_n (index), ==, 2);

  cs_lesson_index_set_language (index, "zh_CN");
  lesson = cs_lesson_index_get (index, 0);
  g_assert_cmpstr (lesson->title, ==, "甲");
  g_assert_cmpstr (lesson->summary, ==, "About A");
  g_assert_cmpstr (lesson->file, ==, "a.py");
  g_assert_cmpstr (lesson->language, ==, "en");
  lesson = cs_lesson_index_get (index, 1);
  g_assert_cmpstr (lesson->title, ==, "B");
  g_assert_cmpstr (lesson->summary, ==, "关于乙");
  g_assert_cmpstr (lesson->file, ==, "b.zh_CN.py");
  g_assert_cmpstr (lesson->language, ==, "zh_CN");
  g_assert_cmpuint (lesson->number, ==, 2);

  /* A language the index has nothing in is all English. */
  cs_lesson_index_set_language (index, "fr");
  g_assert_cmpstr (cs_lesson_index_get (index, 0)->title, ==, "A");
  g_assert_cmpstr (cs_lesson_index_get (index, 1)->file, ==, "b.py");

  /* No folder: the text cannot be read, and the error says why. */
  g_assert_null (cs_lesson_index_get_lesson_file (index, lesson));
  g_assert_null (cs_lesson_index_load_text (index, lesson, &error));
  g_assert_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ);
}

typedef struct
{
  const char *json;
  int         code;
  const char *message;   /* A part of the error message. */
} BadCase;

#define HEAD "{\"format\": \"copyscope-lessons/1\", \"lessons\": ["
#define GOOD "{\"id\": \"ok\", \"files\": {\"en\": \"ok.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}"

static const BadCase bad_cases[] = {
  { "", CS_LESSONS_ERROR_PARSE, "not valid JSON" },
  { "{\"format\": ", CS_LESSONS_ERROR_PARSE, "not valid JSON" },
  { "[1, 2]", CS_LESSONS_ERROR_FORMAT, "must be a JSON object" },
  { "{\"lessons\": []}", CS_LESSONS_ERROR_FORMAT, "“format” must be “copyscope-lessons/1”" },
  { "{\"format\": \"copyscope-lessons/2\", \"lessons\": [" GOOD "]}", CS_LESSONS_ERROR_FORMAT,
    "“format” must be" },
  { "{\"format\": \"copyscope-lessons/1\"}", CS_LESSONS_ERROR_FORMAT, "“lessons” must be an array" },
  { "{\"format\": \"copyscope-lessons/1\", \"lessons\": {}}", CS_LESSONS_ERROR_FORMAT,
    "“lessons” must be an array" },
  { HEAD "]}", CS_LESSONS_ERROR_FORMAT, "lists no lessons" },
  { HEAD GOOD ", 3]}", CS_LESSONS_ERROR_INVALID, "lesson 2: must be an object" },
  { HEAD "{\"files\": {\"en\": \"a.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1: “id” is missing" },
  { HEAD "{\"id\": 7, \"files\": {\"en\": \"a.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1: “id” must be a string" },
  { HEAD "{\"id\": \"../x\", \"files\": {\"en\": \"a.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1: “id” must be 1 to 64 letters" },
  { HEAD GOOD ", " GOOD "]}", CS_LESSONS_ERROR_INVALID, "lesson 2 (“ok”): “id” repeats" },
  { HEAD "{\"id\": \"b\", \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1 (“b”): “files” is missing" },
  { HEAD GOOD ", {\"id\": \"b\", \"files\": \"b.py\", \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 2 (“b”): “files” must be an object" },
  { HEAD "{\"id\": \"b\", \"files\": {\"zh_CN\": \"b.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1 (“b”): “files” has no English (“en”) entry" },
  { HEAD "{\"id\": \"b\", \"files\": {\"en\": \"../../etc/x.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1 (“b”): “files.en” must be a .py file name" },
  { HEAD "{\"id\": \"b\", \"files\": {\"en\": \"b.txt\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "“files.en” must be a .py file name in the lessons folder, not “b.txt”" },
  { HEAD "{\"id\": \"b\", \"file\": \"/b.py\", \"files\": {\"en\": \"b.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1 (“b”): “file” must be" },
  { HEAD "{\"id\": \"b\", \"files\": {\"en\": \"b.py\"}, \"title\": {\"en\": \"T\", \"zh_CN\": \"\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1 (“b”): “title.zh_CN” is empty" },
  { HEAD "{\"id\": \"b\", \"files\": {\"en\": \"b.py\"}, \"title\": {\"en\": \"T\"}, \"summary\": {\"en\": 5}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1 (“b”): “summary.en” must be a string" },
  { HEAD "{\"id\": \"b\", \"files\": {\"en\": \"b.py\"}, \"title\": {\"en\": \"T\", \"zh-CN\": \"x\"}, \"summary\": {\"en\": \"S\"}}]}",
    CS_LESSONS_ERROR_INVALID, "“title” has an invalid language “zh-CN”" },
  { HEAD "{\"id\": \"b\", \"files\": {\"en\": \"b.py\"}, \"title\": {\"en\": \"T\"}}]}",
    CS_LESSONS_ERROR_INVALID, "lesson 1 (“b”): “summary” is missing" },
};

static void
test_malformed (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (CsLessonIndex) index = index_from_text (c->json, &error);

  g_assert_null (index);
  g_assert_error (error, CS_LESSONS_ERROR, c->code);
  if (strstr (error->message, c->message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, c->message);
}

static void
test_load_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) missing = g_file_new_for_path ("/nonexistent/lessons.json");
  g_autoptr (GFile) broken = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cs-test-lessons-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *lesson_path = NULL;

  g_assert_null (cs_lesson_index_load (missing, &error));
  g_assert_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/lessons.json"));
  g_clear_error (&error);

  /* A file's error names the file. */
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "lessons.json", NULL);
  lesson_path = g_build_filename (dir, "ok.py", NULL);
  g_assert_true (g_file_set_contents (path, HEAD GOOD ", {\"id\": \"b\"}]}", -1, NULL));
  broken = g_file_new_for_path (path);
  g_assert_null (cs_lesson_index_load (broken, &error));
  g_assert_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lessons.json: lesson 2 (“b”): “files” is missing"));
  g_clear_error (&error);

  /* An index whose lesson file is gone loads; reading that lesson fails. */
  g_assert_true (g_file_set_contents (path, HEAD GOOD "]}", -1, NULL));
  {
    g_autoptr (CsLessonIndex) index = cs_lesson_index_load (broken, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    text = cs_lesson_index_load_text (index, cs_lesson_index_get (index, 0), &error);
    g_assert_null (text);
    g_assert_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ);
    g_assert_nonnull (strstr (error->message, "ok.py"));
    g_clear_error (&error);

    /* A binary "lesson" is refused. */
    {
      g_assert_true (g_file_set_contents (lesson_path, "a = 1\n\0\1", 9, NULL));
      text = cs_lesson_index_load_text (index, cs_lesson_index_get (index, 0), &error);
      g_assert_null (text);
      g_assert_error (error, CS_LESSONS_ERROR, CS_LESSONS_ERROR_READ);
      g_clear_error (&error);

      g_assert_true (g_file_set_contents (lesson_path, "a = 1\n", -1, NULL));
      text = cs_lesson_index_load_text (index, cs_lesson_index_get (index, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, "a = 1\n");
    }
  }

  g_assert_cmpint (g_remove (lesson_path), ==, 0);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/lessons/real-index", test_real_index);
  for (guint i = 0; i < G_N_ELEMENTS (pick_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/lessons/pick-language/%u", i);

      g_test_add_data_func (path, &pick_cases[i], test_pick_language);
    }
  g_test_add_func ("/core/lessons/pick-from-environment", test_pick_from_environment);
  g_test_add_func ("/core/lessons/fallback", test_fallback);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/lessons/malformed/%u", i);

      g_test_add_data_func (path, &bad_cases[i], test_malformed);
    }
  g_test_add_func ("/core/lessons/load-errors", test_load_errors);

  return g_test_run ();
}
