/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdDialpad"

#include "config.h"

#include "ad-dialpad.h"

#include <glib/gi18n.h>

enum {
  SIGNAL_DIGIT_PRESSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _AdDialpad
{
  GtkWidget  parent_instance;

  GtkWidget *grid;
};

G_DEFINE_FINAL_TYPE (AdDialpad, ad_dialpad, GTK_TYPE_WIDGET)

/* The keys in reading order, with the letters under them and what a screen
 * reader says for the two that are not digits. */
static const struct {
  const char *digit;
  const char *letters;
  const char *name;
} keys[] = {
  { "1", "", NULL },     { "2", "ABC", NULL }, { "3", "DEF", NULL },
  { "4", "GHI", NULL },  { "5", "JKL", NULL }, { "6", "MNO", NULL },
  { "7", "PQRS", NULL }, { "8", "TUV", NULL }, { "9", "WXYZ", NULL },
  { "*", "", N_("Star") }, { "0", "+", NULL }, { "#", "", N_("Pound") },
};

static void
on_key_clicked (GtkButton *button,
                AdDialpad *self)
{
  g_signal_emit (self, signals[SIGNAL_DIGIT_PRESSED], 0,
                 g_object_get_data (G_OBJECT (button), "digit"));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AdDialpad             *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;
  return ad_dialpad_press_keyval (self, keyval);
}

static GtkWidget *
key_new (AdDialpad  *self,
         guint       index)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *digit = gtk_label_new (keys[index].digit);
  GtkWidget *letters = gtk_label_new (keys[index].letters);
  g_autofree char *name = NULL;

  gtk_widget_add_css_class (digit, "title-2");
  gtk_widget_add_css_class (letters, "caption");
  gtk_widget_add_css_class (letters, "dim-label");
  gtk_box_append (GTK_BOX (box), digit);
  gtk_box_append (GTK_BOX (box), letters);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_size_request (button, 64, 64);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  if (keys[index].name != NULL)
    name = g_strdup (_(keys[index].name));
  else if (keys[index].letters[0] != '\0')
    name = g_strdup_printf ("%s %s", keys[index].digit, keys[index].letters);
  else
    name = g_strdup (keys[index].digit);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  gtk_widget_set_tooltip_text (button, name);

  g_object_set_data (G_OBJECT (button), "digit", (gpointer) keys[index].digit);
  g_signal_connect (button, "clicked", G_CALLBACK (on_key_clicked), self);
  return button;
}

GtkWidget *
ad_dialpad_new (void)
{
  return g_object_new (AD_TYPE_DIALPAD, NULL);
}

gboolean
ad_dialpad_press_keyval (AdDialpad *self,
                         guint      keyval)
{
  guint32 c;

  g_return_val_if_fail (AD_IS_DIALPAD (self), FALSE);

  /* The keypad's digits count as digits too. */
  c = gdk_keyval_to_unicode (keyval);
  for (guint i = 0; c != 0 && i < G_N_ELEMENTS (keys); i++)
    if ((guint32) keys[i].digit[0] == c)
      {
        g_signal_emit (self, signals[SIGNAL_DIGIT_PRESSED], 0, keys[i].digit);
        return TRUE;
      }
  return FALSE;
}

static void
ad_dialpad_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), AD_TYPE_DIALPAD);

  G_OBJECT_CLASS (ad_dialpad_parent_class)->dispose (object);
}

static void
ad_dialpad_class_init (AdDialpadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ad_dialpad_dispose;

  signals[SIGNAL_DIGIT_PRESSED] =
    g_signal_new ("digit-pressed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-dialpad.ui");
  gtk_widget_class_bind_template_child (widget_class, AdDialpad, grid);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_css_name (widget_class, "dialpad");
}

static void
ad_dialpad_init (AdDialpad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_grid_attach (GTK_GRID (self->grid), key_new (self, i), i % 3, i / 3, 1, 1);
}
