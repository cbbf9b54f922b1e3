#!/usr/bin/env bash
# Screenshots of the staged site's pages, for a person to look at before a release, and a check that every page
# fits the screen: each page's width is measured at 1280 px, where no table may scroll inside itself either, and
# at 500 px (the narrowest window headless Chromium opens, near a large phone), where a table or a code block may
# scroll inside itself but never the page. The script fails when a page is too wide.
#   ./mvnw site site:stage -DskipTests -Dinvoker.skip && bash src/build/screenshots.sh
# Needs Chromium (Debian: apt-get install chromium); writes target/screenshots/<page>.png.
set -euo pipefail
cd "$(dirname "$0")/../.."
chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chromium" ] || { echo "screenshots: no Chromium found (Debian: apt-get install chromium)"; exit 2; }
[ -f target/staging/index.html ] || { echo "screenshots: run ./mvnw site site:stage first"; exit 2; }
out=target/screenshots
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
browser() {
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" "$@" 2> /dev/null
}
# "<page width> <tables scrolling inside themselves>" at a window of $2 px: a copy of the page beside it (same
# relative links) writes both into its title
width() {
  local page=target/staging/$1.html probe
  probe="$(dirname "$page")/.width-probe.html"
  sed 's#</body>#<script>var n = 0; document.querySelectorAll("table, pre").forEach(function (t) {\
    if (t.tagName == "TABLE" \&\& t.scrollWidth > t.clientWidth + 1) n++; });\
    document.title = "width=" + document.documentElement.scrollWidth + "," + n;</script></body>#' "$page" > "$probe"
  browser --window-size="$2",900 --dump-dom "file://$PWD/$probe" | grep -o 'width=[0-9][0-9]*,[0-9][0-9]*' \
    | head -1 | cut -d= -f2 | tr , ' '
  rm -f "$probe"
}
pages="index quick-start examples faq lockstep declaring-a-companion build-owners replay remote processor-authors
       compatibility performance performance-method reliability tandem-maven-plugin/plugin-info
       tandem-maven-plugin/prepare-mojo tandem-maven-plugin/push-mojo"
# the diagrams, drawn by hand in src/site/resources/images: shot alone too, for a person to read them at full size
# (in their pages they are scaled to the column, which the pages' measure covers)
for image in target/staging/images/*.svg; do
  [ -e "$image" ] || continue
  browser --window-size=860,400 --screenshot="$PWD/$out/image-$(basename "$image" .svg).png" "file://$PWD/$image" \
    > /dev/null
  echo "screenshots: $out/image-$(basename "$image" .svg).png"
done
wide=0
for page in $pages; do
  name=${page//\//-}
  browser --window-size=1280,1600 --screenshot="$PWD/$out/$name.png" "file://$PWD/target/staging/$page.html" \
    > /dev/null
  read -r desktop scrolling <<< "$(width "$page" 1280)"
  read -r phone ignored <<< "$(width "$page" 500)"
  verdict=fits
  if [ "${desktop:-99999}" -gt 1280 ] || [ "${scrolling:-1}" -gt 0 ] || [ "${phone:-99999}" -gt 500 ]; then
    verdict="TOO WIDE"
    wide=$((wide + 1))
  fi
  printf 'screenshots: %-40s %5s px at 1280 (%s tables scroll), %5s px at 500: %s\n' "$out/$name.png" \
    "${desktop:-?}" "${scrolling:-?}" "${phone:-?}" "$verdict"
done
[ "$wide" -eq 0 ] || { echo "screenshots: $wide page(s) wider than the window"; exit 1; }
