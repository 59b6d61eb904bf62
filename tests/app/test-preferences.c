/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "TestPreferences"

#include "config.h"

#include <glib/gstdio.h>

#include "ad-preferences-window.h"
#include "demo-test-util.h"

/* The preferences' row of the "tls-ca-file" setting: what it shows, the
 * file chooser that sets it (checked first), and the button that clears
 * it. GSETTINGS_BACKEND is "memory". */

/* A self-signed certificate authority: public, made for this test only
 * (GTlsFileDatabase does not look at its dates when loading it). */
static const char test_ca_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBqTCCAU+gAwIBAgIUGd3UWjZ5/npxHEgF78Z2FVB1yfAwCgYIKoZIzj0EAwIw\n"
  "KTEnMCUGA1UEAwweQWdlbnQgRGVzayBQcmVmZXJlbmNlcyBUZXN0IENBMCAXDTI2\n"
  "MTEyNjA4MDE1MloYDzIxMjYxMTAyMDgwMTUyWjApMScwJQYDVQQDDB5BZ2VudCBE\n"
  "ZXNrIFByZWZlcmVuY2VzIFRlc3QgQ0EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC\n"
  "AATywEpG1pGgOL6LsL+oFy1V4u7sacqQuSJEZ5dKWKZs43g8fiRTI0bC6lECuDjW\n"
  "uf6RSqIF/wQF/o58XKBToFc2o1MwUTAdBgNVHQ4EFgQUIM638bgE9MvEkWhpd2dE\n"
  "pmaQ4Z8wHwYDVR0jBBgwFoAUIM638bgE9MvEkWhpd2dEpmaQ4Z8wDwYDVR0TAQH/\n"
  "BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAou8ARJ+AAiSqULUWBLX0oqGTKPlO\n"
  "LTr0XYc8g9NNaH8CIDf28qCfVyXojIFn/tS03/NE+X59J+7r04czyT2xzglO\n"
  "-----END CERTIFICATE-----\n";

typedef struct {
  char                *dir;
  char                *ca_file;     /* the test CA, its name with markup characters */
  char                *not_a_ca;    /* text without a certificate */
  GSettings           *settings;
  AdPreferencesWindow *window;
  AdwActionRow        *row;
} Fixture;

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("agentdesk-preferences-XXXXXX", &error);
  g_assert_no_error (error);
  f->ca_file = write_file (f, "center <ca> & co.pem", test_ca_pem);
  f->not_a_ca = write_file (f, "notes.pem", "not a certificate\n");

  f->settings = g_settings_new (APP_ID);
  f->window = g_object_ref_sink (ad_preferences_window_new (f->settings));
  gtk_window_present (GTK_WINDOW (f->window));
  f->row = ADW_ACTION_ROW (demo_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_ACTION_ROW,
                                                  "Certificate authorities"));
  g_assert_nonnull (f->row);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  g_settings_reset (f->settings, "tls-ca-file");
  g_clear_object (&f->settings);
  g_assert_cmpint (g_remove (f->ca_file), ==, 0);
  g_assert_cmpint (g_remove (f->not_a_ca), ==, 0);
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->ca_file);
  g_free (f->not_a_ca);
  g_free (f->dir);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static char *
get_ca_file (Fixture *f)
{
  return g_settings_get_string (f->settings, "tls-ca-file");
}

static gboolean
has_file (GtkFileChooser *chooser,
          GFile          *file)
{
  g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

  return chosen != NULL && g_file_equal (chosen, file);
}

/* Clicks the row's Choose button and picks @path in the file chooser
 * (GTK's own dialog: no portal here), which opens on the file in use. */
static void
choose (Fixture    *f,
        const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *in_use = get_ca_file (f);
  GtkWidget *chooser;

  demo_test_click (demo_test_find_button (GTK_WIDGET (f->row), "ca-file.choose"));
  CLIENT_TEST_WAIT_UNTIL ((chooser = demo_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == GTK_WINDOW (f->window));

  /* Selected once the chooser has read the folder. */
  if (*in_use != '\0')
    {
      g_autoptr(GFile) in_use_file = g_file_new_for_path (in_use);

      CLIENT_TEST_WAIT_UNTIL (has_file (GTK_FILE_CHOOSER (chooser), in_use_file));
    }
  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
  CLIENT_TEST_WAIT_UNTIL (has_file (GTK_FILE_CHOOSER (chooser), file));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  CLIENT_TEST_WAIT_UNTIL (demo_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
}

static void
test_shows_setting (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *clear = demo_test_find_button (GTK_WIDGET (f->row), "ca-file.clear");
  g_autofree char *cleared = NULL;

  g_assert_nonnull (clear);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (f->row), "The system’s."));
  g_assert_false (gtk_widget_is_sensitive (clear));

  /* Set elsewhere (the sign-in shares the key): shown as it is, markup
   * characters and all. */
  g_settings_set_string (f->settings, "tls-ca-file", f->ca_file);
  g_assert_cmpstr (adw_action_row_get_subtitle (f->row), ==, f->ca_file);
  g_assert_true (demo_test_shows_text (GTK_WIDGET (f->row), "center <ca> & co.pem"));
  g_assert_true (gtk_widget_is_sensitive (clear));

  demo_test_click (clear);
  cleared = get_ca_file (f);
  g_assert_cmpstr (cleared, ==, "");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (f->row), "The system’s."));
  g_assert_false (gtk_widget_is_sensitive (clear));
}

static void
test_choose (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ca_file = NULL;

  choose (f, f->ca_file);
  ca_file = get_ca_file (f);
  g_assert_cmpstr (ca_file, ==, f->ca_file);
  g_assert_cmpstr (adw_action_row_get_subtitle (f->row), ==, f->ca_file);
}

/* A file that holds no certificate is not kept: the setting stays as it
 * was, and a toast says why, naming the file. */
static void
test_refuses_non_certificate (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *ca_file = NULL;

  g_settings_set_string (f->settings, "tls-ca-file", f->ca_file);
  choose (f, f->not_a_ca);
  ca_file = get_ca_file (f);
  g_assert_cmpstr (ca_file, ==, f->ca_file);
  CLIENT_TEST_WAIT_UNTIL (demo_test_shows_text (GTK_WIDGET (f->window),
                                                "Cannot read the certificate authorities to trust"));
  g_assert_true (demo_test_shows_text (GTK_WIDGET (f->window), f->not_a_ca));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/preferences/ca-file/shows-setting", test_shows_setting);
  ADD ("/preferences/ca-file/choose", test_choose);
  ADD ("/preferences/ca-file/refuses-non-certificate", test_refuses_non_certificate);

#undef ADD

  return g_test_run ();
}
