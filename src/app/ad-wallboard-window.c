/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "AdWallboardWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "ad-agent-card.h"
#include "ad-board-ticker.h"
#include "ad-queue-tile.h"
#include "ad-wallboard-window.h"

/* The pointer hides after resting this long; the agent grid turns a page
 * this often when more agents are shown than fit. */
#define CURSOR_HIDE_MS 3000
#define PAGE_SECONDS   15
/* Two rows of tiles: with more queues than that, the tiles turn pages too,
 * and the agent grid keeps its share of the screen. */
#define TILES_PER_PAGE 10

enum {
  PROP_0,
  PROP_BOARD,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

struct _AdWallboardWindow
{
  AdwApplicationWindow  parent_instance;

  AdWallboard          *board;
  GSettings            *settings;
  AdBoardTicker        *ticker;

  GtkFilterListModel   *filter_model;
  GtkSortListModel     *sort_model;
  GtkCustomFilter      *filter;
  GtkSorter            *sorters[AD_BOARD_SORT_TIME_IN_STATE + 1];
  char                 *queue_filter;
  AdBoardStateFilter    state_filter;
  gboolean              refilling_queues;
  guint                 queue_page;
  guint                 cursor_id;

  GtkRevealer          *stale_revealer;
  GtkLabel             *stale_label;
  GtkLabel             *stale_detail_label;
  GtkLabel             *totals_label;
  GtkLabel             *alarm_label;
  GtkLabel             *clock_label;
  GtkRevealer          *setup_revealer;
  GtkDropDown          *queue_dropdown;
  GtkStringList        *queue_names;
  GtkDropDown          *state_dropdown;
  GtkDropDown          *sort_dropdown;
  GtkLabel             *count_label;
  GtkWidget            *board_box;
  GtkFlowBox           *queue_box;
  GtkScrolledWindow    *agent_scroller;
  GtkGridView          *agent_grid;
};

G_DEFINE_FINAL_TYPE (AdWallboardWindow, ad_wallboard_window, ADW_TYPE_APPLICATION_WINDOW)

/* Filtering and sorting */

static gboolean
state_matches (AdBoardStateFilter filter,
               AdAgentStatus      status)
{
  switch (filter)
    {
    case AD_BOARD_STATE_FILTER_ALL:
      return TRUE;
    case AD_BOARD_STATE_FILTER_READY:
      return status == AD_AGENT_STATUS_READY;
    case AD_BOARD_STATE_FILTER_BUSY:
      return status == AD_AGENT_STATUS_BUSY;
    case AD_BOARD_STATE_FILTER_NOT_READY:
      return status == AD_AGENT_STATUS_NOT_READY;
    case AD_BOARD_STATE_FILTER_AFTER_CALL_WORK:
      return status == AD_AGENT_STATUS_AFTER_CALL_WORK;
    case AD_BOARD_STATE_FILTER_LOGGED_OUT:
      return status == AD_AGENT_STATUS_LOGGED_OUT || status == AD_AGENT_STATUS_UNKNOWN;
    case AD_BOARD_STATE_FILTER_LOGGED_IN:
    default:
      return status != AD_AGENT_STATUS_LOGGED_OUT && status != AD_AGENT_STATUS_UNKNOWN;
    }
}

static gboolean
filter_agent (gpointer item,
              gpointer user_data)
{
  AdWallboardWindow *self = user_data;
  AdBoardAgent *agent = item;

  return state_matches (self->state_filter, ad_board_agent_get_status (agent)) &&
         (self->queue_filter == NULL || ad_board_agent_has_queue (agent, self->queue_filter));
}

/* Working first, then wrapping up, then away. */
static int
state_rank (AdAgentStatus status)
{
  switch (status)
    {
    case AD_AGENT_STATUS_READY:
      return 0;
    case AD_AGENT_STATUS_BUSY:
      return 1;
    case AD_AGENT_STATUS_AFTER_CALL_WORK:
      return 2;
    case AD_AGENT_STATUS_NOT_READY:
      return 3;
    case AD_AGENT_STATUS_LOGGED_OUT:
    case AD_AGENT_STATUS_UNKNOWN:
    default:
      return 4;
    }
}

static int
compare_states (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  int x = state_rank (ad_board_agent_get_status ((AdBoardAgent *) a));
  int y = state_rank (ad_board_agent_get_status ((AdBoardAgent *) b));

  return x < y ? -1 : x > y;
}

static GtkSorter *
name_sorter (void)
{
  return GTK_SORTER (gtk_string_sorter_new (
    gtk_property_expression_new (AD_TYPE_BOARD_AGENT, NULL, "name")));
}

/* @first, then by name. */
static GtkSorter *
then_by_name (GtkSorter *first)
{
  GtkMultiSorter *sorter = gtk_multi_sorter_new ();

  gtk_multi_sorter_append (sorter, first);
  gtk_multi_sorter_append (sorter, name_sorter ());
  return GTK_SORTER (sorter);
}

/* Tells the board what the filter and the sorter read, so that it reports
 * only the changes that can move or hide a card. */
static void
watch_fields (AdWallboardWindow *self)
{
  AdBoardAgentFields fields = AD_BOARD_AGENT_FIELD_NAME;

  switch (gtk_drop_down_get_selected (self->sort_dropdown))
    {
    case AD_BOARD_SORT_STATE:
      fields |= AD_BOARD_AGENT_FIELD_STATUS;
      break;
    case AD_BOARD_SORT_TIME_IN_STATE:
      fields |= AD_BOARD_AGENT_FIELD_STATUS_SINCE;
      break;
    default:
      break;
    }

  switch (self->state_filter)
    {
    case AD_BOARD_STATE_FILTER_ALL:
      break;
    case AD_BOARD_STATE_FILTER_LOGGED_IN:
    case AD_BOARD_STATE_FILTER_LOGGED_OUT:
      fields |= AD_BOARD_AGENT_FIELD_LOGGED_IN;
      break;
    default:
      fields |= AD_BOARD_AGENT_FIELD_STATUS;
      break;
    }

  if (self->queue_filter != NULL)
    fields |= AD_BOARD_AGENT_FIELD_QUEUES;

  ad_wallboard_set_watched_fields (self->board, fields);
}

static void
on_queue_selected (GtkDropDown       *dropdown,
                   GParamSpec        *pspec,
                   AdWallboardWindow *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (self->refilling_queues)
    return;

  g_clear_pointer (&self->queue_filter, g_free);
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    self->queue_filter = g_strdup (gtk_string_list_get_string (self->queue_names, selected));
  /* What is chosen on the board is kept for its next start. */
  g_settings_set_string (self->settings, "wallboard-queue-filter",
                         self->queue_filter != NULL ? self->queue_filter : "");
  watch_fields (self);
  /* NULL while the window is being made. */
  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_state_selected (GtkDropDown       *dropdown,
                   GParamSpec        *pspec,
                   AdWallboardWindow *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  self->state_filter = selected != GTK_INVALID_LIST_POSITION ? selected : 0;
  g_settings_set_enum (self->settings, "wallboard-state-filter", self->state_filter);
  watch_fields (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_sort_selected (GtkDropDown       *dropdown,
                  GParamSpec        *pspec,
                  AdWallboardWindow *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected >= G_N_ELEMENTS (self->sorters))
    selected = AD_BOARD_SORT_NAME;
  g_settings_set_enum (self->settings, "wallboard-sort", selected);
  watch_fields (self);
  gtk_sort_list_model_set_sorter (self->sort_model, self->sorters[selected]);
}

/* The queues in alarm on the tile pages not shown, named in the header:
 * otherwise an alarm could wait a whole page's time to be seen. Whether a
 * queue is in alarm is its tile's to say, as it says it on the tile. */
static void
update_alarm_summary (AdWallboardWindow *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  GtkFlowBoxChild *child;
  guint n;

  for (int i = 0; (child = gtk_flow_box_get_child_at_index (self->queue_box, i)) != NULL; i++)
    {
      AdQueueTile *tile = AD_QUEUE_TILE (gtk_flow_box_child_get_child (child));

      if (!gtk_widget_get_visible (GTK_WIDGET (child)) && ad_queue_tile_get_alarm (tile))
        g_ptr_array_add (names, (gpointer) ad_queue_tile_get_title (tile));
    }

  n = names->len;
  gtk_widget_set_visible (GTK_WIDGET (self->alarm_label), n > 0);
  if (n == 0)
    return;
  g_ptr_array_add (names, NULL);
  /* Translators: between two queue names in "Also in alarm: %s" */
  list = g_strjoinv (_(", "), (char **) names->pdata);
  /* Translators: in the wallboard's header, %s is a list of the queues in
   * alarm whose tiles are on the other page */
  text = g_strdup_printf (ngettext ("Also in alarm: %s", "Also in alarm: %s", n), list);
  gtk_label_set_label (self->alarm_label, text);
}

/* Shows the tiles of the current page (a flow box over a model has no
 * filter of its own). */
static void
show_tile_page (AdWallboardWindow *self)
{
  GtkFlowBoxChild *child;

  for (int i = 0; (child = gtk_flow_box_get_child_at_index (self->queue_box, i)) != NULL; i++)
    gtk_widget_set_visible (GTK_WIDGET (child), i / TILES_PER_PAGE == (int) self->queue_page);
  update_alarm_summary (self);
}

static void
turn_tile_page (AdWallboardWindow *self)
{
  guint n = g_list_model_get_n_items (ad_wallboard_get_queues (self->board));
  guint pages = (n + TILES_PER_PAGE - 1) / TILES_PER_PAGE;

  if (pages <= 1 && self->queue_page == 0)
    return;
  self->queue_page = pages > 0 ? (self->queue_page + 1) % pages : 0;
  show_tile_page (self);
}

/* The queue drop-down lists "All queues" and the board's queues, keeping
 * the chosen one chosen. */
static void
on_queues_changed (GListModel        *queues,
                   guint              position,
                   guint              removed,
                   guint              added,
                   AdWallboardWindow *self)
{
  guint n = g_list_model_get_n_items (queues);
  g_autofree const char **names = g_new0 (const char *, n + 2);
  guint selected = 0;

  names[0] = _("All queues");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdQueueStats) queue = g_list_model_get_item (queues, i);

      names[i + 1] = ad_queue_stats_get_name (queue);
      if (g_strcmp0 (names[i + 1], self->queue_filter) == 0)
        selected = i + 1;
    }

  show_tile_page (self);

  self->refilling_queues = TRUE;
  gtk_string_list_splice (self->queue_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->queue_names)), names);
  gtk_drop_down_set_selected (self->queue_dropdown, selected);
  self->refilling_queues = FALSE;
  /* The queue kept from the last time is gone: every queue. */
  if (n > 0 && selected == 0 && self->queue_filter != NULL)
    on_queue_selected (self->queue_dropdown, NULL, self);
}

static void
update_count (AdWallboardWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  guint all = g_list_model_get_n_items (ad_wallboard_get_agents (self->board));
  g_autofree char *text = NULL;

  /* Translators: agents shown on the board, of all the center's. */
  text = g_strdup_printf (ngettext ("%u of %u agent", "%u of %u agents", all), shown, all);
  gtk_label_set_label (self->count_label, text);
}

static void
on_shown_agents_changed (GListModel        *model,
                         guint              position,
                         guint              removed,
                         guint              added,
                         AdWallboardWindow *self)
{
  if (removed != added)
    update_count (self);
}

/* Cards and tiles */

static void
on_card_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               AdWallboardWindow        *self)
{
  gtk_list_item_set_child (item, ad_agent_card_new (self->ticker));
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
on_card_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              AdWallboardWindow        *self)
{
  ad_agent_card_set_agent (AD_AGENT_CARD (gtk_list_item_get_child (item)),
                           gtk_list_item_get_item (item));
}

static void
on_card_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AdWallboardWindow        *self)
{
  ad_agent_card_set_agent (AD_AGENT_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
on_tile_alarm_changed (AdQueueTile       *tile,
                       GParamSpec        *pspec,
                       AdWallboardWindow *self)
{
  update_alarm_summary (self);
}

static GtkWidget *
create_tile (gpointer item,
             gpointer user_data)
{
  AdWallboardWindow *self = user_data;
  GtkWidget *tile = ad_queue_tile_new (self->ticker, item);

  g_signal_connect_object (tile, "notify::alarm", G_CALLBACK (on_tile_alarm_changed), self, 0);
  return tile;
}

/* Header, banner, paging */

static void
update_header (AdWallboardWindow *self)
{
  GListModel *agents = ad_wallboard_get_agents (self->board);
  guint n = g_list_model_get_n_items (agents);
  guint counts[AD_AGENT_STATUS_AFTER_CALL_WORK + 1] = { 0, };
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (ad_board_ticker_get_now (self->ticker));
  g_autofree char *clock = g_date_time_format (now, "%X");
  g_autofree char *totals = NULL;
  g_auto(GStrv) parts = g_new0 (char *, 6);
  guint logged_in;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdBoardAgent) agent = g_list_model_get_item (agents, i);
      AdAgentStatus status = ad_board_agent_get_status (agent);

      if (status < G_N_ELEMENTS (counts))
        counts[status]++;
    }

  logged_in = counts[AD_AGENT_STATUS_READY] + counts[AD_AGENT_STATUS_BUSY] +
              counts[AD_AGENT_STATUS_AFTER_CALL_WORK] + counts[AD_AGENT_STATUS_NOT_READY];
  /* The whole center's agents by state, each with its own plural. */
  /* Translators: agents, in the wallboard's header */
  parts[0] = g_strdup_printf (ngettext ("%u logged in", "%u logged in", logged_in), logged_in);
  n = counts[AD_AGENT_STATUS_READY];
  /* Translators: agents, in the wallboard's header */
  parts[1] = g_strdup_printf (ngettext ("%u ready", "%u ready", n), n);
  n = counts[AD_AGENT_STATUS_BUSY];
  /* Translators: agents, in the wallboard's header */
  parts[2] = g_strdup_printf (ngettext ("%u on a call", "%u on a call", n), n);
  n = counts[AD_AGENT_STATUS_AFTER_CALL_WORK];
  /* Translators: agents in after-call work, in the wallboard's header */
  parts[3] = g_strdup_printf (ngettext ("%u wrap-up", "%u wrap-up", n), n);
  n = counts[AD_AGENT_STATUS_NOT_READY];
  /* Translators: agents, in the wallboard's header */
  parts[4] = g_strdup_printf (ngettext ("%u not ready", "%u not ready", n), n);
  totals = g_strjoinv ("   ", parts);
  gtk_label_set_label (self->totals_label, totals);
  gtk_label_set_label (self->clock_label, clock);
}

/* Where the grid's rows start and how far apart they are, in the
 * scrolled content: from the cells laid out, the first and the first one
 * below it. FALSE before two rows are laid out. */
static gboolean
measure_rows (AdWallboardWindow *self,
              double             value,
              double            *first,
              double            *stride)
{
  GtkWidget *grid = GTK_WIDGET (self->agent_grid);
  GtkWidget *cell = gtk_widget_get_first_child (grid);
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0), top, next;

  if (cell == NULL || !gtk_widget_compute_point (cell, grid, &origin, &top))
    return FALSE;
  for (cell = gtk_widget_get_next_sibling (cell); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      if (gtk_widget_get_visible (cell) && gtk_widget_compute_point (cell, grid, &origin, &next) &&
          next.y > top.y + 1)
        {
          *first = top.y + value;
          *stride = next.y - top.y;
          return TRUE;
        }
    }
  return FALSE;
}

/* A wall has no one to scroll: the grid turns its pages by itself, by
 * whole rows, so that no card is cut in two at the top. */
static void
turn_page (AdWallboardWindow *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->agent_scroller);
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double first, stride, next;

  if (upper <= page)
    return;
  if (value + page >= upper - 1)
    next = 0;
  else if (measure_rows (self, value, &first, &stride))
    {
      /* The first row below those shown whole, at the top. */
      next = first + (gint64) ((value + page - first) / stride) * stride;
      if (next <= value)
        next = value + stride;
    }
  else
    next = value + page;
  gtk_adjustment_set_value (adjustment, next);
}

static void
on_tick (AdBoardTicker     *ticker,
         GParamSpec        *pspec,
         AdWallboardWindow *self)
{
  update_header (self);
  if (ad_board_ticker_get_now (ticker) % PAGE_SECONDS == 0 &&
      !gtk_revealer_get_reveal_child (self->setup_revealer))
    {
      turn_tile_page (self);
      turn_page (self);
    }
}

static void
update_banner (AdWallboardWindow *self)
{
  gboolean stale = ad_wallboard_get_stale (self->board);
  GDateTime *last_update = ad_wallboard_get_last_update (self->board);
  const char *error = ad_wallboard_get_error_message (self->board);
  g_autofree char *title = NULL;

  if (last_update != NULL)
    {
      g_autofree char *time = g_date_time_format (last_update, "%X");

      /* Translators: shown over the wallboard while it cannot be trusted. */
      title = g_strdup_printf (_("Not live — figures as of %s"), time);
    }
  else
    title = g_strdup (_("Connecting to the switch…"));

  gtk_label_set_label (self->stale_label, title);
  gtk_label_set_label (self->stale_detail_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->stale_detail_label), error != NULL);
  gtk_revealer_set_reveal_child (self->stale_revealer, stale);
  /* Times in state stop where the figures stopped being live, and move on
   * from the switch's figures once the board is live again. */
  if (stale)
    ad_board_ticker_freeze (self->ticker, last_update != NULL ? g_date_time_to_unix (last_update)
                                                              : ad_board_ticker_get_now (self->ticker));
  else
    ad_board_ticker_thaw (self->ticker);
  /* Every figure dims, the center's totals too; the clock stays. */
  if (stale)
    {
      gtk_widget_add_css_class (self->board_box, "stale");
      gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "stale");
      gtk_widget_add_css_class (GTK_WIDGET (self->alarm_label), "stale");
    }
  else
    {
      gtk_widget_remove_css_class (self->board_box, "stale");
      gtk_widget_remove_css_class (GTK_WIDGET (self->totals_label), "stale");
      gtk_widget_remove_css_class (GTK_WIDGET (self->alarm_label), "stale");
    }
}

static void
on_board_state_changed (AdWallboard       *board,
                        GParamSpec        *pspec,
                        AdWallboardWindow *self)
{
  update_banner (self);
}

/* Kiosk */

static gboolean
on_cursor_rested (gpointer user_data)
{
  AdWallboardWindow *self = user_data;

  self->cursor_id = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "none");
  return G_SOURCE_REMOVE;
}

static void
on_pointer_moved (GtkEventControllerMotion *controller,
                  double                    x,
                  double                    y,
                  AdWallboardWindow        *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  g_clear_handle_id (&self->cursor_id, g_source_remove);
  self->cursor_id = g_timeout_add (CURSOR_HIDE_MS, on_cursor_rested, self);
}

static void
toggle_fullscreen (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
toggle_setup (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AdWallboardWindow *self = AD_WALLBOARD_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->setup_revealer,
                                 !gtk_revealer_get_reveal_child (self->setup_revealer));
}

/* Public API */

GtkWidget *
ad_wallboard_window_new (GtkApplication *application,
                         AdWallboard    *board,
                         GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (AD_IS_WALLBOARD (board), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (AD_TYPE_WALLBOARD_WINDOW,
                       "application", application,
                       "board", board,
                       "settings", settings,
                       NULL);
}

AdWallboard *
ad_wallboard_window_get_board (AdWallboardWindow *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD_WINDOW (self), NULL);

  return self->board;
}

void
ad_wallboard_window_set_queue_filter (AdWallboardWindow *self,
                                      const char        *queue)
{
  guint n;

  g_return_if_fail (AD_IS_WALLBOARD_WINDOW (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->queue_names));
  for (guint i = 1; queue != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->queue_names, i), queue) == 0)
      {
        gtk_drop_down_set_selected (self->queue_dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (self->queue_dropdown, 0);
}

void
ad_wallboard_window_set_state_filter (AdWallboardWindow  *self,
                                      AdBoardStateFilter  filter)
{
  g_return_if_fail (AD_IS_WALLBOARD_WINDOW (self));

  gtk_drop_down_set_selected (self->state_dropdown, filter);
}

void
ad_wallboard_window_set_sort (AdWallboardWindow *self,
                              AdBoardSort        sort)
{
  g_return_if_fail (AD_IS_WALLBOARD_WINDOW (self));

  gtk_drop_down_set_selected (self->sort_dropdown, sort);
}

GListModel *
ad_wallboard_window_get_shown_agents (AdWallboardWindow *self)
{
  g_return_val_if_fail (AD_IS_WALLBOARD_WINDOW (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/* GObject */

static void
ad_wallboard_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  AdWallboardWindow *self = AD_WALLBOARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      g_value_set_object (value, self->board);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_wallboard_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  AdWallboardWindow *self = AD_WALLBOARD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOARD:
      self->board = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ad_wallboard_window_constructed (GObject *object)
{
  AdWallboardWindow *self = AD_WALLBOARD_WINDOW (object);
  static GtkCssProvider *provider;
  g_autofree char *queue_filter = NULL;
  GListModel *queues;
  guint sort;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (ad_wallboard_window_parent_class)->constructed (object);

  g_return_if_fail (self->board != NULL && self->settings != NULL);

  if (provider == NULL)
    {
      provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (provider, "/io/github/agentdesk/AgentDesk/wallboard.css");
    }
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  /* A wall display is read from afar, in any room light: dark. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);

  ad_board_ticker_bind_settings (self->ticker, self->settings);
  g_signal_connect_object (self->ticker, "notify::now", G_CALLBACK (on_tick), self, 0);

  /* As chosen on the board the last time. */
  queue_filter = g_settings_get_string (self->settings, "wallboard-queue-filter");
  if (*queue_filter != '\0')
    self->queue_filter = g_steal_pointer (&queue_filter);
  self->state_filter = g_settings_get_enum (self->settings, "wallboard-state-filter");
  sort = g_settings_get_enum (self->settings, "wallboard-sort");
  if (sort >= G_N_ELEMENTS (self->sorters))
    sort = AD_BOARD_SORT_NAME;
  gtk_drop_down_set_selected (self->state_dropdown, self->state_filter);
  gtk_drop_down_set_selected (self->sort_dropdown, sort);

  /* Queues: twenty tiles at most, laid out once. */
  queues = ad_wallboard_get_queues (self->board);
  gtk_flow_box_bind_model (self->queue_box, queues, create_tile, self, NULL);
  g_signal_connect_object (queues, "items-changed", G_CALLBACK (on_queues_changed), self, 0);
  on_queues_changed (queues, 0, 0, 0, self);

  /* Agents: thousands of them, through recycled list items. */
  self->filter = gtk_custom_filter_new (filter_agent, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (ad_wallboard_get_agents (self->board)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->sorters[AD_BOARD_SORT_NAME] = name_sorter ();
  self->sorters[AD_BOARD_SORT_STATE] =
    then_by_name (GTK_SORTER (gtk_custom_sorter_new (compare_states, NULL, NULL)));
  self->sorters[AD_BOARD_SORT_TIME_IN_STATE] =
    then_by_name (GTK_SORTER (gtk_numeric_sorter_new (
      gtk_property_expression_new (AD_TYPE_BOARD_AGENT, NULL, "status-since"))));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              g_object_ref (self->sorters[sort]));
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (on_shown_agents_changed), self, 0);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_card_setup), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_card_bind), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_card_unbind), self, 0);
  gtk_grid_view_set_factory (self->agent_grid, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->agent_grid, GTK_SELECTION_MODEL (
    gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)))));
  g_object_unref (gtk_grid_view_get_model (self->agent_grid));

  watch_fields (self);
  g_signal_connect_object (self->queue_dropdown, "notify::selected",
                           G_CALLBACK (on_queue_selected), self, 0);
  g_signal_connect_object (self->state_dropdown, "notify::selected",
                           G_CALLBACK (on_state_selected), self, 0);
  g_signal_connect_object (self->sort_dropdown, "notify::selected",
                           G_CALLBACK (on_sort_selected), self, 0);

  g_signal_connect_object (self->board, "notify::stale",
                           G_CALLBACK (on_board_state_changed), self, 0);
  g_signal_connect_object (self->board, "notify::last-update",
                           G_CALLBACK (on_board_state_changed), self, 0);
  g_signal_connect_object (self->board, "notify::error-message",
                           G_CALLBACK (on_board_state_changed), self, 0);
  update_banner (self);
  update_header (self);
  update_count (self);

  if (g_settings_get_boolean (self->settings, "wallboard-fullscreen"))
    gtk_window_fullscreen (GTK_WINDOW (self));
}

static void
ad_wallboard_window_dispose (GObject *object)
{
  AdWallboardWindow *self = AD_WALLBOARD_WINDOW (object);

  g_clear_handle_id (&self->cursor_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), AD_TYPE_WALLBOARD_WINDOW);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  for (guint i = 0; i < G_N_ELEMENTS (self->sorters); i++)
    g_clear_object (&self->sorters[i]);
  g_clear_object (&self->ticker);
  g_clear_object (&self->board);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ad_wallboard_window_parent_class)->dispose (object);
}

static void
ad_wallboard_window_finalize (GObject *object)
{
  AdWallboardWindow *self = AD_WALLBOARD_WINDOW (object);

  g_free (self->queue_filter);

  G_OBJECT_CLASS (ad_wallboard_window_parent_class)->finalize (object);
}

static void
ad_wallboard_window_class_init (AdWallboardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ad_wallboard_window_get_property;
  object_class->set_property = ad_wallboard_window_set_property;
  object_class->constructed = ad_wallboard_window_constructed;
  object_class->dispose = ad_wallboard_window_dispose;
  object_class->finalize = ad_wallboard_window_finalize;

  properties[PROP_BOARD] =
    g_param_spec_object ("board", NULL, NULL, AD_TYPE_WALLBOARD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "board.toggle-fullscreen", NULL,
                                   toggle_fullscreen);
  gtk_widget_class_install_action (widget_class, "board.toggle-setup", NULL, toggle_setup);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0,
                                       "board.toggle-fullscreen", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "board.toggle-setup", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/agentdesk/AgentDesk/ad-wallboard-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, stale_revealer);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, stale_label);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, stale_detail_label);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, totals_label);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, alarm_label);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, clock_label);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, setup_revealer);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, queue_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, queue_names);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, board_box);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, queue_box);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, agent_scroller);
  gtk_widget_class_bind_template_child (widget_class, AdWallboardWindow, agent_grid);
}

static void
ad_wallboard_window_init (AdWallboardWindow *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->ticker = ad_board_ticker_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_pointer_moved), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  self->cursor_id = g_timeout_add (CURSOR_HIDE_MS, on_cursor_rested, self);
}
