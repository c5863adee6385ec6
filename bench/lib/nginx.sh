# Sourced by the benches whose checks need a target: nginx on loopback answering every path with the same 600-byte
# page, started in the bench's work folder (its pid file there, for the bench's cleanup to stop it).
#
#   . bench/lib/nginx.sh
#   start_page_nginx "$work" "$NGINX_PORT"      # returns once the page answers

ensure_nginx() {
  command -v nginx >/dev/null && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=120 update -qq || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=120 install -y -qq nginx-light
}

start_page_nginx() {
  local work=$1 port=$2
  ensure_nginx
  mkdir -p "$work/html" "$work/logs"
  chmod 755 "$work" "$work/html"  # nginx workers run as an unprivileged user
  head -c 600 /dev/zero | tr '\0' 'v' > "$work/html/index.html"
  cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$port backlog=4096;
    root $work/html;
    location / { try_files /index.html =404; }
  }
}
CONF
  nginx -c "$work/nginx.conf" -p "$work"
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "nginx did not answer on 127.0.0.1:$port" >&2
  return 1
}
