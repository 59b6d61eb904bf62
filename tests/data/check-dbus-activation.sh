#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks that the session bus can start Agent Desk from its D-Bus service
# file, as a desktop does for a DBusActivatable launcher: on a private bus
# whose service directory holds the built service file (its Exec pointed at
# the built agentdesk), Activate must start the application under its app
# id, and app.quit must end it.
#
# usage: check-dbus-activation.sh DESKTOP_FILE SERVICE_FILE AGENTDESK SCHEMA_DIR
set -eu

desktop_file=$1
service_file=$2
agentdesk=$(realpath "$3")
schema_dir=$4

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display to start the application on"
  exit 77
fi

app_id=$(basename "$desktop_file" .desktop)
if ! grep -qx 'DBusActivatable=true' "$desktop_file"; then
  echo "$desktop_file: not DBusActivatable"
  exit 1
fi
if ! grep -qx "Name=$app_id" "$service_file"; then
  echo "$service_file: does not name $app_id"
  exit 1
fi
exec_line=$(grep '^Exec=' "$service_file")
case "$exec_line" in
  Exec=/*/agentdesk\ --gapplication-service) ;;
  *) echo "$service_file: $exec_line does not start agentdesk as a service"; exit 1 ;;
esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/dbus-1/services"
sed "s|^Exec=[^ ]*|Exec=$agentdesk|" "$service_file" > "$tmp/dbus-1/services/$app_id.service"

object_path=/$(echo "$app_id" | tr . /)

cat > "$tmp/activate.sh" <<EOF
set -eu
gdbus call --session --dest $app_id --object-path $object_path \\
  --method org.freedesktop.Application.Activate '{}' > /dev/null
echo "activated $app_id from its service file"
gdbus call --session --dest $app_id --object-path $object_path \\
  --method org.freedesktop.Application.ActivateAction quit '[]' '{}' > /dev/null
# The name goes when the application has quit; wait generously for it.
for i in \$(seq 1 300); do
  owned=\$(gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \\
    --method org.freedesktop.DBus.NameHasOwner $app_id)
  if [ "\$owned" = "(false,)" ]; then
    echo "app.quit ended it"
    exit 0
  fi
  sleep 0.1
done
echo "$app_id still runs after app.quit"
exit 1
EOF

XDG_DATA_DIRS="$tmp:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
GSETTINGS_SCHEMA_DIR="$schema_dir" \
GSETTINGS_BACKEND=memory \
  dbus-run-session -- sh "$tmp/activate.sh"
