# Sourced by the benchmark drivers: the figures they print.
#   stats 7 3 5 9 1     prints "median q1 q3" (the interquartile range beside the median)
#   ratio 120 100       prints 1.20
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {
  q1=a[int((NR+3)/4)]; q3=a[int((3*NR+1)/4)]; printf "%d %d %d", a[int((NR+1)/2)], q1, q3 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'; }
#   paired 12 15 11 -- 10 14 10
#                       prints "median low high" of the differences of interleaved pairs (first list minus second,
#                       pair by pair), low..high a distribution-free 95 % confidence interval of that median (order
#                       statistics, binomial with p = 1/2). A pair's two runs share the machine's state of the moment,
#                       so their difference is free of the drift that widens each list's own spread.
paired() {
  local a=() b=()
  while [ "$1" != -- ]; do a+=("$1"); shift; done; shift
  b=("$@")
  for i in "${!a[@]}"; do echo $(( a[i] - b[i] )); done | sort -n | awk '{d[NR]=$1} END {
    n = NR; k = 1; c = 0; term = 1 / 2 ^ n
    for (j = 0; j < n; j++) { c += term; if (c > 0.025) break; k = j + 1; term = term * (n - j) / (j + 1) }
    printf "%d %d %d", (n % 2 ? d[(n+1)/2] : (d[n/2] + d[n/2+1]) / 2), d[k], d[n-k+1] }'
}
