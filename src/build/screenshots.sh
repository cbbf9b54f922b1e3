#!/usr/bin/env bash
# Screenshots of the main pages of the staged site, for a person to look at before a release:
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
pages="index quick-start lockstep declaring-a-companion build-owners processor-authors examples faq compatibility
       performance tandem-maven-plugin/plugin-info tandem-maven-plugin/prepare-mojo"
for page in $pages; do
  name=${page//\//-}
  "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$profile" \
    --window-size=1280,1600 --screenshot="$PWD/$out/$name.png" "file://$PWD/target/staging/$page.html" \
    > /dev/null 2>&1
  echo "screenshots: $out/$name.png"
done
