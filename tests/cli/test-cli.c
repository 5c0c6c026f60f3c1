/* test-cli.c
 *
 * Copyright 2026 The Copyscope authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `copyscope` binary without any display: --version, --help, the
 * subcommands' dispatch and a translated --help.  $COPYSCOPE_BIN names the
 * binary under test.
 */

#include "config.h"

#include <glib/gstdio.h>

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

#include "cs-cli.h"

typedef struct
{
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs the binary with @args and no display at all, in @language if set. */
static void
run_copyscope (Run         *run,
               const char  *language,
               const char **args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) envp = g_get_environ ();
  const char *bin = g_getenv ("COPYSCOPE_BIN");
  int wait_status;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (gpointer) bin);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_setenv (envp, "GDK_BACKEND", "wayland", TRUE);
  if (language != NULL)
    envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
  else
    envp = g_environ_unsetenv (envp, "LANGUAGE");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
test_version (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("copyscope %s\n", PACKAGE_VERSION);
  g_autofree char *direct = cs_cli_dup_version ();

  run_copyscope (&run, NULL, (const char *[]) { "--version", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpstr (direct, ==, expected);
}

static void
test_help (void)
{
  const char *spellings[] = { "--help", "-h", "help" };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_auto (Run) run = { 0 };

      run_copyscope (&run, NULL, (const char *[]) { spellings[i], NULL });
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, "Usage:\n"));
      g_assert_nonnull (strstr (run.out, "copyscope run FILE.py"));
      g_assert_nonnull (strstr (run.out, "copyscope facts FILE.py"));
      g_assert_nonnull (strstr (run.out, "copyscope export FILE.py"));
      g_assert_cmpstr (run.err, ==, "");
    }
}

static void
test_help_translated (void)
{
  g_auto (Run) run = { 0 };

  run_copyscope (&run, "zh_CN", (const char *[]) { "--help", NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "用法：\n"));
  g_assert_nonnull (strstr (run.out, "显示版本并退出"));
}

/* `copyscope export` draws without a display: one step as PNG (steps
 * count from 1), every step as a PDF handout, and says what is wrong with
 * bad usage or a missing step.
 */
static void
test_export (void)
{
  g_autofree char *scenario = g_build_filename (g_get_tmp_dir (), "cs-cli-export.py", NULL);
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), "cs-cli-export.png", NULL);
  g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "cs-cli-export.pdf", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (scenario, "a = [1, 2]\nb = a\nb.append(3)\n", -1, NULL));
  g_unlink (png);
  g_unlink (pdf);

  {
    g_auto (Run) run = { 0 };

    run_copyscope (&run, NULL, (const char *[]) { "export", scenario, "--step", "2", "-o", png, NULL });
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (png, &bytes, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
    g_clear_pointer (&bytes, g_free);
  }

  {
    g_auto (Run) run = { 0 };

    run_copyscope (&run, NULL, (const char *[]) { "export", scenario, "--all", "--theme", "dark", "-o", pdf, NULL });
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
    g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
    g_clear_pointer (&bytes, g_free);
  }

  {
    g_auto (Run) run = { 0 };

    run_copyscope (&run, NULL, (const char *[]) { "export", scenario, "--step", "4", "-o", png, NULL });
    g_assert_cmpint (run.status, ==, CS_CLI_EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "no step 4 (the scenario has 3)"));
  }

  {
    g_auto (Run) run = { 0 };

    run_copyscope (&run, NULL, (const char *[]) { "export", scenario, "--format", "bmp", "-o", png, NULL });
    g_assert_cmpint (run.status, ==, CS_CLI_EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "bmp"));
  }

  {
    g_auto (Run) run = { 0 };

    run_copyscope (&run, NULL, (const char *[]) { "export", "/nonexistent/lesson.py", "-o", png, NULL });
    g_assert_cmpint (run.status, ==, CS_CLI_EXIT_FAILED);
    g_assert_nonnull (strstr (run.err, "/nonexistent/lesson.py: error:"));
  }

  {
    g_auto (Run) run = { 0 };

    run_copyscope (&run, NULL, (const char *[]) { "export", scenario, NULL });
    g_assert_cmpint (run.status, ==, CS_CLI_EXIT_USAGE);
    g_assert_nonnull (strstr (run.err, "-o OUT"));
  }

  g_unlink (scenario);
  g_unlink (png);
  g_unlink (pdf);
}

/* `copyscope run` and `facts` never open a display, whether the engine's
 * command line is built in or not: without a display a GTK start would
 * fail with "cannot open display" and exit 1.
 */
static void
test_subcommands_need_no_display (void)
{
  const char *commands[] = { "run", "facts" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (Run) run = { 0 };

      run_copyscope (&run, NULL, (const char *[]) { commands[i], "/nonexistent/scenario.py", NULL });
      g_assert_cmpint (run.status, !=, 0);
      g_assert_null (strstr (run.err, "display"));
      g_assert_null (strstr (run.err, "Gtk"));
    }
}

#if HAVE_GUI
/* Without a display the app explains itself instead of crashing or
 * printing GTK's warning.
 */
static void
test_app_without_display (void)
{
  g_auto (Run) run = { 0 };

  run_copyscope (&run, NULL, (const char *[]) { NULL });
  g_assert_cmpint (run.status, ==, CS_CLI_EXIT_FAILED);
  g_assert_nonnull (strstr (run.err, "cannot open a display"));
  g_assert_null (strstr (run.err, "Gtk-WARNING"));
}
#endif

static void
test_dispatch_leaves_app_arguments (void)
{
  char *no_args[] = { (char *) "copyscope", NULL };
  char *file_arg[] = { (char *) "copyscope", (char *) "lesson.py", NULL };
  char *gapp_arg[] = { (char *) "copyscope", (char *) "--gapplication-service", NULL };
  int status = -1;

  g_assert_false (cs_cli_dispatch (1, no_args, &status));
  g_assert_false (cs_cli_dispatch (2, file_arg, &status));
  g_assert_false (cs_cli_dispatch (2, gapp_arg, &status));
  g_assert_cmpint (status, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/help-translated", test_help_translated);
  g_test_add_func ("/cli/export", test_export);
  g_test_add_func ("/cli/subcommands-need-no-display", test_subcommands_need_no_display);
  g_test_add_func ("/cli/dispatch-leaves-app-arguments", test_dispatch_leaves_app_arguments);
#if HAVE_GUI
  g_test_add_func ("/cli/app-without-display", test_app_without_display);
#endif

  return g_test_run ();
}
