{{/* Namespace of every object: ksNamespace, or the release namespace. */}}
{{- define "kso.namespace" -}}
{{- .Values.ksNamespace | default .Release.Namespace -}}
{{- end -}}

{{/* The cluster name as the components expect it: runs of non-word characters become "-". */}}
{{- define "kso.clusterName" -}}
{{- regexReplaceAll "\\W+" .Values.clusterName "-" -}}
{{- end -}}

{{/*
Stops a release (install, upgrade, template) without account or clusterName: the operator and kollector
cannot start without them. `helm lint` renders with IsInstall and IsUpgrade both false, so the chart
itself still lints with its default values.
*/}}
{{- define "kso.checkRequired" -}}
{{- if or .Release.IsInstall .Release.IsUpgrade -}}
{{- if not .Values.account -}}
{{- fail "account is required: add --set account=<your account ID>" -}}
{{- end -}}
{{- if not (regexMatch "\\w" .Values.clusterName) -}}
{{- fail "clusterName is required: add --set clusterName=<a name for this cluster>" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels every object of the chart carries. */}}
{{- define "kso.chartLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ .Chart.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
tier: {{ .Values.global.namespaceTier }}
{{- end -}}

{{/* Selector labels of a component. Call with (dict "root" $ "name" "<component>"). */}}
{{- define "kso.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Labels of an object that belongs to a component (or is one). Call with (dict "root" $ "name" ...). */}}
{{- define "kso.labels" -}}
{{ include "kso.selectorLabels" . }}
app.kubernetes.io/component: {{ .name }}
app: {{ .name }}
{{ include "kso.chartLabels" .root }}
{{- end -}}

{{/* Metadata of a namespaced object. Call with (dict "root" $ "name" <object name> "component" <component>). */}}
{{- define "kso.metadata" -}}
name: {{ .name }}
namespace: {{ include "kso.namespace" .root }}
labels:
  {{- include "kso.labels" (dict "root" .root "name" (.component | default .name)) | nindent 2 }}
{{- end -}}

{{/* Image reference: global.imageRegistry + repository + tag (appVersion by default). Call with (dict "root" $ "image" <image values>). */}}
{{- define "kso.image" -}}
{{- $repository := .image.repository -}}
{{- with .root.Values.global.imageRegistry -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" .) $repository -}}
{{- end -}}
{{- $tag := .image.tag | default .root.Chart.AppVersion | toString -}}
{{- if hasPrefix "sha256:" $tag -}}
{{- printf "%s@%s" $repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets from a list of names or {name} objects, or a single name. */}}
{{- define "kso.imagePullSecrets" -}}
{{- $secrets := .Values.imagePullSecrets -}}
{{- if kindIs "string" $secrets -}}
{{- $secrets = $secrets | empty | ternary (list) (list $secrets) -}}
{{- end -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  {{- if kindIs "map" . }}
  - name: {{ .name }}
  {{- else }}
  - name: {{ . }}
  {{- end }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* Scheduling of a pod: nodeSelector, affinity, tolerations of the given values. */}}
{{- define "kso.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The proxy as host:port, without scheme or trailing slash. */}}
{{- define "kso.proxyHostPort" -}}
{{- regexReplaceAll "^[a-zA-Z][a-zA-Z0-9+.-]*://" .Values.global.httpsProxy "" | trimSuffix "/" -}}
{{- end -}}

{{/* The proxy's port (the schema requires one). */}}
{{- define "kso.proxyPort" -}}
{{- regexFind "[0-9]+$" (include "kso.proxyHostPort" .) -}}
{{- end -}}

{{/* Hosts reached without the proxy: the API server, the suite's services, the cluster's domains. */}}
{{- define "kso.noProxyHosts" -}}
{{- $ns := include "kso.namespace" . -}}
{{- list "$(KUBERNETES_SERVICE_HOST)" "kubernetes.default.svc" ".svc" ".cluster.local" "localhost" "127.0.0.1" "gateway" "operator" "kubevuln" "kubescape" "otel-collector" (printf ".%s" $ns) | join "," -}}
{{- end -}}

{{/* JAVA_TOOL_OPTIONS of a service: the global flags, the proxy's system properties, the service's extra flags. */}}
{{- define "kso.javaToolOptions" -}}
{{- $root := .root -}}
{{- $options := list $root.Values.global.javaToolOptions -}}
{{- if $root.Values.global.httpsProxy -}}
{{- $hostPort := include "kso.proxyHostPort" $root -}}
{{- $nonProxy := include "kso.noProxyHosts" $root | replace ",." ",*." | splitList "," | join "|" -}}
{{- $options = append $options (printf "-Dhttps.proxyHost=%s -Dhttps.proxyPort=%s -Dhttp.nonProxyHosts=%s" (regexReplaceAll ":[0-9]+$" $hostPort "") (include "kso.proxyPort" $root) $nonProxy) -}}
{{- end -}}
{{- with .values.extraJavaToolOptions -}}
{{- $options = append $options . -}}
{{- end -}}
{{- join " " $options -}}
{{- end -}}

{{/* Where the services send telemetry (host:port, OTLP/gRPC); empty when nowhere. */}}
{{- define "kso.otelTarget" -}}
{{- if .Values.otelCollector.enabled -}}
otel-collector:4317
{{- else -}}
{{- .Values.configurations.otelUrl -}}
{{- end -}}
{{- end -}}

{{/* "true" when pods carry prometheus.io scrape annotations (either spelling of the switch). */}}
{{- define "kso.scrapeAnnotationsOn" -}}
{{- if or (eq .Values.configurations.prometheusAnnotations "enable") (eq .Values.configuration.prometheusAnnotations "enable") -}}
true
{{- end -}}
{{- end -}}

{{/*
"true" when kubescape's posture metrics (/v1/metrics) are published: by the exporter switch, or by
asking for the ServiceMonitor, which scrapes nothing else. Scrape annotations then point there too.
*/}}
{{- define "kso.postureExporterOn" -}}
{{- if and .Values.kubescape.enabled (or (eq .Values.capabilities.prometheusExporter "enable") .Values.kubescape.serviceMonitor.enabled) -}}
true
{{- end -}}
{{- end -}}

{{/* Where Prometheus scrapes kubescape: its posture metrics when published, its JVM metrics otherwise. */}}
{{- define "kso.kubescapeMetricsPath" -}}
{{- include "kso.postureExporterOn" . | empty | ternary "/metrics" "/v1/metrics" -}}
{{- end -}}

{{/* Seconds in a Prometheus duration such as 1h30m or 200s (the schema checks its form). */}}
{{- define "kso.promSeconds" -}}
{{- $units := dict "ms" 0.001 "s" 1.0 "m" 60.0 "h" 3600.0 "d" 86400.0 "w" 604800.0 "y" 31536000.0 -}}
{{- $total := 0.0 -}}
{{- range regexFindAll "[0-9]+(ms|y|w|d|h|m|s)" . -1 -}}
{{- $total = addf $total (mulf (regexFind "^[0-9]+" . | float64) (get $units (regexReplaceAll "^[0-9]+" . ""))) -}}
{{- end -}}
{{- $total -}}
{{- end -}}

{{/* The claim holding kubescape's results; empty when they live in an emptyDir. */}}
{{- define "kso.kubescapeResultsClaim" -}}
{{- $p := .Values.kubescape.persistence -}}
{{- if $p.enabled -}}
{{- $p.existingClaim | default "kubescape-results" -}}
{{- end -}}
{{- end -}}

{{/*
config.json of the kubescape-config ConfigMap, the original's file: the account, the cluster and
the backend's URLs. No access key: that stays in the Secret ks-cloud-credentials.
*/}}
{{- define "kso.kubescapeConfig" -}}
{{- toPrettyJson (dict
  "accountID" .Values.account
  "clusterName" (include "kso.clusterName" .)
  "cloudReportURL" .Values.eventReceiverHttpUrl
  "cloudAPIURL" .Values.backendOpenAPI) -}}
{{- end -}}

{{/* "true" when kubescape's posture metrics go to a Prometheus operator through a ServiceMonitor. */}}
{{- define "kso.serviceMonitorOn" -}}
{{- if and .Values.kubescape.enabled (or .Values.kubescape.serviceMonitor.enabled (and (eq .Values.capabilities.prometheusExporter "enable") (not (include "kso.scrapeAnnotationsOn" .)))) -}}
true
{{- end -}}
{{- end -}}

{{/* "true" when anything scrapes the suite's metrics: NetworkPolicies then let the scraper in. */}}
{{- define "kso.scrapingOn" -}}
{{- if or (include "kso.scrapeAnnotationsOn" .) (include "kso.serviceMonitorOn" .) -}}
true
{{- end -}}
{{- end -}}

{{/* The cloud provider, from the values or the API server's version string. */}}
{{- define "kso.cloudProvider" -}}
{{- $version := .Capabilities.KubeVersion.Version -}}
{{- if or .Values.cloudProviderMetadata.aksSubscriptionID .Values.cloudProviderMetadata.aksResourceGroup -}}
aks
{{- else if or .Values.cloudProviderMetadata.gkeProject .Values.cloudProviderMetadata.gkeServiceAccount (contains "-gke." $version) -}}
gke
{{- else if or .Values.awsIamRoleArn (contains "-eks-" $version) -}}
eks
{{- end -}}
{{- end -}}

{{/* ServiceAccount annotations for cloud identities (kubescape and kubevuln). */}}
{{- define "kso.cloudIdentityAnnotations" -}}
{{- with .Values.awsIamRoleArn }}
eks.amazonaws.com/role-arn: {{ . | quote }}
{{- end }}
{{- with .Values.cloudProviderMetadata.gkeServiceAccount }}
iam.gke.io/gcp-service-account: {{ . | quote }}
{{- end }}
{{- end -}}
