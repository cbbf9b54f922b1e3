# Sourced by the benchmark drivers: the figures they print.
#   stats 7 3 5 9 1     prints "median q1 q3" (the interquartile range beside the median)
#   ratio 120 100       prints 1.20
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {
  q1=a[int((NR+3)/4)]; q3=a[int((3*NR+1)/4)]; printf "%d %d %d", a[int((NR+1)/2)], q1, q3 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'; }
