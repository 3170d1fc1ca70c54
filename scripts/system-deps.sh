#!/usr/bin/env bash
# Checks, and as root installs, the Debian packages the PDF and the browser tests need,
# and Node.js with npm, which install rtlcss for the Arabic edition's style sheets (the
# HTML site and the notebooks need no other: their fonts come from PyPI).
# As another user it stops with the one apt-get line to run.
# With arguments, it checks and installs those packages only.
set -euo pipefail

PACKAGES=(
  texlive-luatex texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended
  texlive-lang-arabic latexmk xindy tex-gyre fonts-freefont-otf mupdf-tools
  poppler-utils chromium nodejs npm
)
[ $# -gt 0 ] && PACKAGES=("$@")

# Node.js from elsewhere (NodeSource's nodejs bundles npm) serves as well as Debian's.
declare -A COMMAND=([nodejs]=node [npm]=npm)

missing=()
for p in "${PACKAGES[@]}"; do
  if [ -n "${COMMAND[$p]:-}" ] && command -v "${COMMAND[$p]}" >/dev/null; then
    continue
  fi
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
