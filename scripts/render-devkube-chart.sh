#!/usr/bin/env bash
# Renders the Helm chart (deploy/helm/cassini) with the values ./cassini up installs the operator
# with, into deploy/devkube/cassini-operator.yaml, which ./cassini up applies without running helm
# (a new machine would first have to compile it). HelmChartIT fails when that file differs from
# what the chart renders: run this after changing the chart.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
helm="$(scripts/build-helm.sh | tail -1)"
{
  echo "# The Helm chart rendered for ./cassini up by scripts/render-devkube-chart.sh: do not edit, run that."
  "$helm" template cassini-operator deploy/helm/cassini --namespace cassini-system --set image.tag=dev 2>/dev/null
} >deploy/devkube/cassini-operator.yaml
echo deploy/devkube/cassini-operator.yaml
