#!/usr/bin/env bash
# Installs what the notebooks need: Jupyter from Debian's packages (PyPI is not reachable
# here) and fonts for PNG rendering. The tslab kernel is registered by `npm run notebooks:kernel`.
set -euo pipefail
if command -v jupyter >/dev/null 2>&1 && /usr/bin/python3 -c "import nbclient, nbformat" >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi dejavu; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq jupyter-notebook jupyter-nbconvert python3-nbclient python3-ipykernel fonts-dejavu-core >/dev/null
