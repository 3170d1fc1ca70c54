#!/usr/bin/env bash
# Checks, and as root installs, the Debian packages the PDF and the browser tests need
# (the HTML site and the notebooks need none: their fonts come from PyPI).
# As another user it stops with the one apt-get line to run.
set -euo pipefail

PACKAGES=(
  texlive-luatex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  texlive-lang-arabic latexmk xindy tex-gyre fonts-freefont-otf mupdf-tools
  poppler-utils chromium
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "The book needs system packages that are missing. Run, as root:" >&2
  echo "  sudo apt-get update && sudo $line" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
$line -qq
