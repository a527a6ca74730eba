//go:build tools

// Builds the helm command the chart tests and `./cassini up` use (see scripts/build-helm.sh):
// no prebuilt binary can be downloaded on our machines, so it is compiled from the module proxy,
// pinned here.
package tools

import _ "helm.sh/helm/v4/cmd/helm"
