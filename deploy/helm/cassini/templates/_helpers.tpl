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
What the operator does in a namespace it watches, and no more: OperatorPermissionsIT fails when the
operator is refused a request, and when a grant is never needed.
- Its own resources: reads, patches (a finalizer where it cleans up, a repair's suspend) and status
  patches. It creates backups (schedules), repairs (continuous repair) and the restore that fills a
  cluster created from a backup (an apply, which creates); it deletes only backups and repairs.
- What it applies for a cluster (StatefulSets, Services, ConfigMaps, Secrets, budgets, PodMonitors):
  server-side apply, a patch that may create, so the API server also checks create.
- Pods and volume claims the StatefulSets make: a restart deletes a pod, volume growth patches a claim.
- deletecollection: a removed datacenter's objects, and a deleted cluster's volume claims, go by
  their labels in one request each.
- update cassandraclusters/finalizers: every object a cluster owns has an owner reference that
  blocks the owner's deletion, which clusters with the OwnerReferencesPermissionEnforcement
  admission plugin (OpenShift) allow only to who may update the owner's finalizers.
Keep these rules plain YAML: cassini up and the tests read them as they are (ChartRbac).
*/}}
{{- define "cassini.namespacedRules" -}}
- apiGroups: [cassini.dev]
  resources: [cassandraclusters]
  verbs: [get, list, watch, patch]
- apiGroups: [cassini.dev]
  resources: [cassandrarestores]
  verbs: [get, list, watch, create, patch]
- apiGroups: [cassini.dev]
  resources: [cassandrabackupschedules, cassandratasks]
  verbs: [get, list, watch]
- apiGroups: [cassini.dev]
  resources: [cassandrabackups, cassandrarepairs]
  verbs: [get, list, watch, create, patch, delete]
- apiGroups: [cassini.dev]
  resources: [cassandraclusters/status, cassandrabackups/status, cassandrabackupschedules/status, cassandrarestores/status, cassandrarepairs/status, cassandratasks/status]
  verbs: [patch]
- apiGroups: [cassini.dev]
  resources: [cassandraclusters/finalizers]
  verbs: [update]
- apiGroups: [apps]
  resources: [statefulsets]
  verbs: [get, list, watch, create, patch, delete, deletecollection]
- apiGroups: [policy]
  resources: [poddisruptionbudgets]
  verbs: [get, list, watch, create, patch, deletecollection]
- apiGroups: [""]
  resources: [services, configmaps]
  verbs: [get, list, watch, create, patch, deletecollection]
- apiGroups: [""]
  resources: [secrets]
  verbs: [get, list, watch, create, patch]
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch, patch, delete]
- apiGroups: [""]
  resources: [persistentvolumeclaims]
  verbs: [get, list, watch, patch, deletecollection]
- apiGroups: [""]
  resources: [events]
  verbs: [create]
- apiGroups: [monitoring.coreos.com]
  resources: [podmonitors]
  verbs: [get, create, patch]
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
