#!/usr/bin/env bash
# Rebuild profiles/CGATS_TR006.icc, the CMYK output profile briefing embeds for --color cmyk.
# Maintainers only: needs ArgyllCMS (Debian: apt-get install argyll) and the characterization data
# of ANSI CGATS/GRACoL TR 006-2007 as a .ti3 file (published by NPES/Idealliance; colord carries it
# in data/profiles/GRACoL_TR006_coated.iccprofile.xml). Usage: scripts/make-print-profile.sh TR006.ti3
# The black generation and ink limit are colord's for the same data: -kp 0 0.3 0.94 0.94 0.48, 300 %.
set -euo pipefail
ti3="$(realpath "$1")"
out="$(realpath "$(dirname "$0")/..")/profiles/CGATS_TR006.icc"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$ti3" "$work/TR006.ti3"
cd "$work"
colprof -v -ql -kp 0 0.3 0.94 0.94 0.48 -l 300 \
  -D "briefing: CGATS TR 006 (GRACoL 2006 Coated #1)" \
  -C "Made by briefing with ArgyllCMS colprof from the characterization data of ANSI CGATS/GRACoL TR 006-2007 (NPES); no copyright is claimed on this profile" \
  -O TR006.icc TR006
cp TR006.icc "$out"
echo "wrote $out"
