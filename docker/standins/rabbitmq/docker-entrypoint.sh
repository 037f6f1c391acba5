#!/usr/bin/env bash
# Entry point of the rabbitmq stand-in: writes the broker's configuration from the variables the official image
# honours, then runs the broker in the foreground (logs to the console, as docker logs expects).
set -euo pipefail

if [ "${1:-}" = rabbitmq-server ]; then
  {
    echo "listeners.tcp.default = 5672"
    # The official image lets its users connect from other containers; the broker's own default allows guest
    # from localhost only.
    echo "loopback_users = none"
    echo "log.console = true"
    echo "log.file = false"
    if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then echo "default_user = $RABBITMQ_DEFAULT_USER"; fi
    if [ -n "${RABBITMQ_DEFAULT_PASS:-}" ]; then echo "default_pass = $RABBITMQ_DEFAULT_PASS"; fi
    if [ -n "${RABBITMQ_DEFAULT_VHOST:-}" ]; then echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"; fi
  } > /etc/rabbitmq/rabbitmq.conf
  # Erlang's distribution cookie, which rabbitmq-diagnostics (the health check) shares with the broker.
  if [ ! -f "$HOME/.erlang.cookie" ]; then
    (umask 077; head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$HOME/.erlang.cookie")
  fi
  exec /usr/lib/rabbitmq/bin/rabbitmq-server
fi
exec "$@"
