#!/usr/bin/env bash
# The remote tier on the module users have: N MapStruct 1.6.3 mappers (500 by default). CI job A builds and pushes
# to Debian's nginx on 127.0.0.1; then, interleaved, each run times:
#   job B:            a fresh checkout in a new folder (empty target/), one model changed, fetching from the remote
#   job B +10 ms:     the same through a relay that delays every request by 10 ms (DelayProxy.java)
#   warm local:       the same change on a checkout whose target/ holds the cache already, no remote
#   no Tandem:        a fresh checkout of the same module without Tandem, from clean
# all `mvn process-test-classes`, online (the remote asks nothing under -o) with -nsu, everything resolved by the
# warm-up. Medians with their spread; the remote's share of job B's wall time is
# the fetch time prepare reports. Targets: job B with the delay at most 1.2x warm local; at least 99 % of the
# isolating elements served from the remote.
#
#   bash benchmarks/remote/run.sh     (after ./mvnw install -DskipTests -Dinvoker.skip; needs nginx: apt-get install nginx)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/target/bench-remote"
runs=${RUNS:-5}
n=${N:-500}
delay=${DELAY_MS:-10}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx is not installed (apt-get install -y nginx)"; exit 2; }
# shellcheck source=../outer-settings.sh
source "$root/benchmarks/outer-settings.sh"
# shellcheck source=../stats.sh
source "$root/benchmarks/stats.sh"
m() { "$root/mvnw" -B -nsu -s "$out/settings.xml" -Dmaven.repo.local="$out/repo" "$@"; }

rm -rf "$out" && mkdir -p "$out/nginx/data/cache" "$out/nginx/tmp"
version=$("$root/mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=project.version -DforceStdout -N)
compiler=$("$root/mvnw" -q -f "$root/pom.xml" help:evaluate -Dexpression=it.compiler.version -DforceStdout -N)
outer_settings "$out/settings.xml"
java "$root/benchmarks/replay/GenerateMappers.java" "$out/src" "$n" "$version" "$compiler"
sed -i 's|<goal>prepare</goal>|<goal>prepare</goal><goal>push</goal>|' "$out/src/replay/pom.xml"
for v in replay plain; do # resolve everything once, online
  "$root/mvnw" -B -q -s "$out/settings.xml" -Dmaven.repo.local="$out/repo" -f "$out/src/$v/pom.xml" clean \
    process-test-classes > "$out/warmup-$v.log" 2>&1 || { tail -30 "$out/warmup-$v.log"; exit 1; }
  rm -rf "$out/src/$v/target"
done

# nginx on a free port, with a configuration of its own (daemon off, own pid, logs, temp folders)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=""; [ "$(id -u)" = 0 ] && user="user root root;"
cat > "$out/nginx/nginx.conf" <<CONF
worker_processes 2; daemon off; pid $out/nginx/nginx.pid; error_log $out/nginx/error.log; $user
events { worker_connections 256; }
http {
  access_log off; client_body_temp_path $out/nginx/tmp/body; proxy_temp_path $out/nginx/tmp/proxy;
  fastcgi_temp_path $out/nginx/tmp/fastcgi; uwsgi_temp_path $out/nginx/tmp/uwsgi; scgi_temp_path $out/nginx/tmp/scgi;
  server { listen 127.0.0.1:$port; client_max_body_size 16m;
    location /cache/ { root $out/nginx/data; dav_methods PUT; create_full_put_path on; } }
}
CONF
"$nginx" -p "$out/nginx" -c "$out/nginx/nginx.conf" -e "$out/nginx/error.log" &
nginx_pid=$!
java "$here/DelayProxy.java" "$port" "$delay" > "$out/proxy.port" &
proxy_pid=$!
trap 'kill $nginx_pid $proxy_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$out/proxy.port" ] && (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$port/cache/"
slow="http://127.0.0.1:$(head -1 "$out/proxy.port")/cache/"

ms() { local start end; start=$(date +%s%N); "$@" > "$out/last.log" 2>&1 || { tail -30 "$out/last.log"; exit 1; }
  end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
# what the build said: how many elements were replayed, and the fetch
summary() { { grep -ho "MapStruct [0-9]* replayed, [0-9]* run" "$out/last.log"; grep -ho "remote: [0-9]* fetched.*" "$out/last.log"; } \
  | tr '\n' ';' > "$1"; }
change() { echo "// change $(date +%s%N)" >> "$1/src/main/java/bench/mappers/Model7.java"; }
checkout() { rm -rf "$1"; mkdir -p "$(dirname "$1")"; cp -r "$out/src/$2" "$1"; rm -rf "$1/target"; }

# job A: CI pushes; its checkout then serves as the warm local one
checkout "$out/ci-a" replay
m -f "$out/ci-a/pom.xml" process-test-classes -Dtandem.remote.url="$url" -Dtandem.remote.push=true > "$out/job-a.log"
grep -h "Tandem remote: pushed" "$out/job-a.log" | sed 's/^\[INFO\] /job A: /'

declare -a fast slow_ warm plain fetch_fast fetch_slow
for i in $(seq 1 "$runs"); do
  checkout "$out/b-$i/checkout" replay; change "$out/b-$i/checkout"
  fast+=("$(ms m -f "$out/b-$i/checkout/pom.xml" process-test-classes -Dtandem.remote.url="$url")")
  fetch_fast+=("$(sed -n 's/.*remote: [0-9]* fetched ([^)]*) in \([0-9]*\) ms.*/\1/p' "$out/last.log")")
  summary "$out/fast-summary.txt"
  checkout "$out/s-$i/checkout" replay; change "$out/s-$i/checkout"
  slow_+=("$(ms m -f "$out/s-$i/checkout/pom.xml" process-test-classes -Dtandem.remote.url="$slow")")
  fetch_slow+=("$(sed -n 's/.*remote: [0-9]* fetched ([^)]*) in \([0-9]*\) ms.*/\1/p' "$out/last.log")")
  summary "$out/slow-summary.txt"
  change "$out/ci-a"
  warm+=("$(ms m -f "$out/ci-a/pom.xml" process-test-classes)")
  checkout "$out/p-$i/checkout" plain; change "$out/p-$i/checkout"
  plain+=("$(ms m -f "$out/p-$i/checkout/pom.xml" process-test-classes)")
  rm -rf "$out/b-$i" "$out/s-$i" "$out/p-$i"
done

read -r f f1 f3 <<< "$(stats "${fast[@]}")"
read -r s s1 s3 <<< "$(stats "${slow_[@]}")"
read -r w w1 w3 <<< "$(stats "${warm[@]}")"
read -r p p1 p3 <<< "$(stats "${plain[@]}")"
read -r ff ff1 ff3 <<< "$(stats "${fetch_fast[@]}")"
read -r fs fs1 fs3 <<< "$(stats "${fetch_slow[@]}")"
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
replayed=$(sed -n 's/.*MapStruct \([0-9]*\) replayed.*/\1/p' "$out/slow-summary.txt" | head -1)

echo
echo "Remote tier: $n MapStruct 1.6.3 mappers, one model changed, mvn process-test-classes; nginx $("$nginx" -v 2>&1 | sed 's/.*\///') on"
echo "127.0.0.1; $runs interleaved runs, median [IQR] ($(nproc) cores, $(java -version 2>&1 | head -1))"
echo "  job B, fresh checkout, remote:           $f ms [$f1-$f3]   fetch $ff ms [$ff1-$ff3] = $(pct "$ff" "$f") of the wall time"
echo "  job B, fresh checkout, remote +${delay} ms:     $s ms [$s1-$s3]   fetch $fs ms [$fs1-$fs3] = $(pct "$fs" "$s") of the wall time"
echo "  warm local cache, no remote:             $w ms [$w1-$w3]"
echo "  no Tandem, fresh checkout:               $p ms [$p1-$p3]"
echo "  job B +${delay} ms / warm local:               $(ratio "$s" "$w")x   (target <= 1.20)"
echo "  job B / warm local:                      $(ratio "$f" "$w")x"
echo "  job B +${delay} ms / no Tandem:                $(ratio "$s" "$p")x"
echo "  elements from the remote:                $replayed of $n = $(pct "$replayed" "$n")   (target >= 99 %)   $(cat "$out/slow-summary.txt")"
ok=0
awk -v a="$s1" -v b="$w3" 'BEGIN { exit !(a <= 1.2 * b) }' || { echo "  MISSED: job B with the delay vs warm local"; ok=1; }
awk -v a="$replayed" -v b="$n" 'BEGIN { exit !(a >= 0.99 * b) }' || { echo "  MISSED: share served from the remote"; ok=1; }
exit $ok
