{{/* The release's full name: the release name, with the chart's unless it already has it. */}}
{{- define "cassini.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cassini.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "cassini.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cassini.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "cassini.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name: name the ServiceAccount the operator runs as when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
What the operator does in a namespace it watches: its own resources and their status, the
objects it creates for a cluster (StatefulSets, Services, ConfigMaps, Secrets, budgets,
PodMonitors), the pods and volume claims the StatefulSets make (restarts delete a pod, volume
growth patches a claim), and events.
*/}}
{{- define "cassini.namespacedRules" -}}
- apiGroups: [cassini.dev]
  resources: [cassandraclusters, cassandrabackups, cassandrabackupschedules, cassandrarestores, cassandrarepairs, cassandratasks]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [cassini.dev]
  resources: [cassandraclusters/status, cassandrabackups/status, cassandrabackupschedules/status, cassandrarestores/status, cassandrarepairs/status, cassandratasks/status]
  verbs: [get, update, patch]
- apiGroups: [cassini.dev]
  resources: [cassandraclusters/finalizers, cassandrabackups/finalizers, cassandrabackupschedules/finalizers, cassandrarestores/finalizers, cassandrarepairs/finalizers, cassandratasks/finalizers]
  verbs: [update]
- apiGroups: [apps]
  resources: [statefulsets]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [policy]
  resources: [poddisruptionbudgets]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [""]
  resources: [services, configmaps, secrets]
  verbs: [get, list, watch, create, update, patch, delete]
- apiGroups: [""]
  resources: [pods, persistentvolumeclaims]
  verbs: [get, list, watch, update, patch, delete]
- apiGroups: [""]
  resources: [events]
  verbs: [create, patch]
- apiGroups: [monitoring.coreos.com]
  resources: [podmonitors]
  verbs: [get, create, update, patch, delete]
{{- end -}}

{{/* Cluster-scoped reads: whether a StorageClass allows volume expansion, whether the PodMonitor CRD exists. */}}
{{- define "cassini.clusterReadRules" -}}
- apiGroups: [storage.k8s.io]
  resources: [storageclasses]
  verbs: [get]
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  verbs: [get]
{{- end -}}
