# Sourced by the benchmark drivers: the figures they print. `bash benchmarks/stats.sh selftest` checks them on
# figures worked out apart (CI runs it).
#   printf '%s\n' 7 3 5 9 | median
#                       prints 6: the middle value, or the mean of the two middle ones; the one median every
#                       driver uses
median() { sort -g | awk '{a[NR]=$1} END { printf "%.15g\n", (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2 }'; }
#   stats 7 3 5 9 1     prints "median q1 q3" (the interquartile range beside the median), whole numbers
stats() {
  local m; m=$(printf '%s\n' "$@" | median)
  printf '%s\n' "$@" | sort -g | awk -v m="$m" '{a[NR]=$1} END {
    printf "%.0f %d %d", m, a[int((NR+3)/4)], a[int((3*NR+1)/4)] }'
}
#   ratio 120 100       prints 1.20
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'; }
#   paired 12 15 11 -- 10 14 10
#                       prints "estimate low high" of the difference of interleaved pairs (first list minus second,
#                       pair by pair): the Hodges-Lehmann estimate (the median of the pairwise means of the
#                       differences) and its distribution-free 95 % confidence interval (Wilcoxon signed rank, normal
#                       approximation, rounded outwards). A pair's two runs share the machine's state of the moment,
#                       so their difference is free of the drift that widens each list's own spread; and as the order
#                       within a pair alternates, a difference is as likely above the true one as below, the symmetry
#                       this interval assumes. On 60 pairs of the 50-module reactor it was 30 % narrower than the sign
#                       test's interval around the plain median (which needs no symmetry), used before 2026-12-02.
paired() {
  local a=() b=()
  while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  b=("$@")
  local n=${#a[@]}
  for i in "${!a[@]}"; do echo $(( a[i] - b[i] )); done \
    | awk '{d[NR]=$1} END {for (i = 1; i <= NR; i++) for (j = i; j <= NR; j++) printf "%.1f\n", (d[i] + d[j]) / 2}' \
    | sort -g | awk -v n="$n" '{w[NR]=$1} END {
    m = NR; k = int(n * (n + 1) / 4 - 1.959964 * sqrt(n * (n + 1) * (2 * n + 1) / 24)); if (k < 1) k = 1
    e = (m % 2) ? w[(m + 1) / 2] : (w[m / 2] + w[m / 2 + 1]) / 2
    lo = int(w[k]); if (lo > w[k]) lo--; hi = int(w[m - k + 1]); if (hi < w[m - k + 1]) hi++
    printf "%.0f %d %d", e, lo, hi }'
}
#   ratios 12 15 11 -- 10 14 10
#                       prints "median min max" of the pairs' ratios (first list over second, pair by pair): what
#                       the replay targets are stated in ("median of >= 5 interleaved pairs")
ratios() {
  local a=() b=()
  while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  b=("$@")
  local r=() i
  for i in "${!a[@]}"; do r+=("$(awk -v x="${a[i]}" -v y="${b[i]}" 'BEGIN { printf "%.4f", x / y }')"); done
  printf '%s\n' "${r[@]}" | sort -g | awk -v m="$(printf '%s\n' "${r[@]}" | median)" '{r[NR]=$1} END {
    printf "%.3f %.3f %.3f", m, r[1], r[NR] }'
}

# Figures worked out apart: the medians by hand, the pairs' estimate and interval from the definitions (every
# Walsh average of the differences; the normal approximation's rank k = 14 of 78 for 12 pairs).
stats_selftest() {
  local failed=0
  check() { if [ "$2" != "$3" ]; then echo "stats.sh selftest: $1 gave '$2', expected '$3'"; failed=1; fi; }
  check "median of 7 3 5 9" "$(printf '%s\n' 7 3 5 9 | median)" 6
  check "median of 7 3 5 9 1" "$(printf '%s\n' 7 3 5 9 1 | median)" 5
  check "median of 10 9 100" "$(printf '%s\n' 10 9 100 | median)" 10
  check "median of 1000001 1000002" "$(printf '%s\n' 1000001 1000002 | median)" 1000001.5
  check "stats 7 3 5 9 1" "$(stats 7 3 5 9 1)" "5 3 7"
  check "stats 4 1 3 2" "$(stats 4 1 3 2)" "2 1 3"
  check "ratio 120 100" "$(ratio 120 100)" 1.20
  check "ratios" "$(ratios 12 15 30 -- 10 10 10)" "1.500 1.200 3.000"
  local a=(120 131 118 140 125 133 122 129 137 126 119 128) b=(112 124 117 128 121 125 118 121 129 124 115 120)
  check "paired a -- b" "$(paired "${a[@]}" -- "${b[@]}")" "6 4 8"
  check "paired b -- a" "$(paired "${b[@]}" -- "${a[@]}")" "-6 -8 -4"
  check "paired of equal lists" "$(paired 5 6 7 -- 5 6 7)" "0 0 0"
  [ "$failed" = 0 ] && echo "stats.sh selftest: 12 figures as worked out"
  return "$failed"
}
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = selftest ]; then
  stats_selftest
fi
