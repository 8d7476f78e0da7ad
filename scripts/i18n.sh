#!/usr/bin/env bash
# Refresh the translation catalogues: extract English msgids, merge into each language's .po,
# compile .mo. Two catalogues: the engine and command line (stdlib gettext, no Django:
# sigtepunkt/locale/da/LC_MESSAGES/sigtepunkt.po) and the web application (Django:
# sigtepunkt/web/locale/da/LC_MESSAGES/django.po). Translate new entries in both.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel=.venv/bin/pybabel
$pybabel extract -k _ -k gettext -k ngettext:1,2 --no-location --sort-output --no-wrap \
  --ignore-dirs="tests web" -o sigtepunkt/locale/sigtepunkt.pot sigtepunkt
for lang in da; do
  po="sigtepunkt/locale/$lang/LC_MESSAGES/sigtepunkt.po"
  if [ -f "$po" ]; then
    $pybabel update --no-wrap --no-fuzzy-matching -D sigtepunkt -l "$lang" -i sigtepunkt/locale/sigtepunkt.pot -d sigtepunkt/locale
  else
    $pybabel init --no-wrap -D sigtepunkt -l "$lang" -i sigtepunkt/locale/sigtepunkt.pot -d sigtepunkt/locale
  fi
done
$pybabel compile -D sigtepunkt -d sigtepunkt/locale --statistics

(cd sigtepunkt/web && ../../.venv/bin/python ../../manage.py makemessages -l da --no-location --no-wrap \
  --ignore "tests/*" --ignore "static/vendor/*" && ../../.venv/bin/python ../../manage.py compilemessages -l da)
