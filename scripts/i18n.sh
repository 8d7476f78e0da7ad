#!/usr/bin/env bash
# Refresh the translation catalogue: extract English msgids, merge into each language's .po,
# compile .mo. Translate new entries in sigtepunkt/locale/da/LC_MESSAGES/sigtepunkt.po.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=.venv/bin/pybabel
$pybabel extract -k _ -k gettext -k ngettext:1,2 --no-location --sort-output --no-wrap \
  --ignore-dirs="tests" -o sigtepunkt/locale/sigtepunkt.pot sigtepunkt
for lang in da; do
  po="sigtepunkt/locale/$lang/LC_MESSAGES/sigtepunkt.po"
  if [ -f "$po" ]; then
    $pybabel update --no-wrap --no-fuzzy-matching -D sigtepunkt -l "$lang" -i sigtepunkt/locale/sigtepunkt.pot -d sigtepunkt/locale
  else
    $pybabel init --no-wrap -D sigtepunkt -l "$lang" -i sigtepunkt/locale/sigtepunkt.pot -d sigtepunkt/locale
  fi
done
$pybabel compile -D sigtepunkt -d sigtepunkt/locale --statistics
