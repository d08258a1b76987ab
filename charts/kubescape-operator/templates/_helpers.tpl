{{/* The cluster name as the components expect it: runs of non-word characters become "-". */}}
{{- define "kso.clusterName" -}}
{{- regexReplaceAll "\\W+" .Values.clusterName "-" -}}
{{- end -}}

{{- define "kso.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}
