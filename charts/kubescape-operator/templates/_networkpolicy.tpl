{{/*
A NetworkPolicy for one component (rendered only when global.networkPolicy.enabled). Call with a dict:
  root         the chart's context ($)
  name         the component (policy name and pod selector)
  ingress      YAML list of the component's own ingress rules ("" for none)
  egress       YAML list of egress rules beyond the common ones ("" for none)
  metricsPort  port Prometheus scrapes, opened when scraping is on ("" for none)
Egress is restricted only with global.networkPolicy.createEgressRules.
*/}}
{{- define "kso.networkPolicy" -}}
{{- $root := .root -}}
{{- $np := $root.Values.global.networkPolicy -}}
{{- $ingress := .ingress | default "" -}}
{{- if and .metricsPort (include "kso.scrapingOn" $root) -}}
{{- $scrape := dict "ports" (list (dict "port" .metricsPort "protocol" "TCP")) -}}
{{- with $np.metricsFrom -}}
{{- $_ := set $scrape "from" . -}}
{{- end -}}
{{- $ingress = printf "%s\n# Prometheus scrapes the metrics port.\n%s" $ingress (list $scrape | toYaml) | trim -}}
{{- end -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "kso.metadata" (dict "root" $root "name" .name) | nindent 2 }}
spec:
  podSelector:
    matchLabels:
      {{- include "kso.selectorLabels" (dict "root" $root "name" .name) | nindent 6 }}
  policyTypes:
    - Ingress
    {{- if $np.createEgressRules }}
    - Egress
    {{- end }}
  {{- if $ingress }}
  ingress:
    {{- $ingress | nindent 4 }}
  {{- else }}
  ingress: []
  {{- end }}
  {{- if $np.createEgressRules }}
  egress:
    {{- with .egress }}
    {{- . | nindent 4 }}
    {{- end }}
    {{- include "kso.commonEgress" $root | nindent 4 }}
  {{- end }}
{{- end -}}

{{/* Egress to the cluster's DNS. */}}
{{- define "kso.dnsEgress" -}}
# DNS.
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
{{- end -}}

{{/* Egress every component needs: DNS, telemetry, the proxy. */}}
{{- define "kso.commonEgress" -}}
{{ include "kso.dnsEgress" . }}
{{- if .Values.otelCollector.enabled }}
# Telemetry to the collector.
- to:
    - podSelector:
        matchLabels:
          {{- include "kso.selectorLabels" (dict "root" . "name" "otel-collector") | nindent 10 }}
  ports:
    - port: 4317
      protocol: TCP
{{- else if .Values.configurations.otelUrl }}
# Telemetry to the OTLP endpoint.
- ports:
    - port: {{ regexFind "[0-9]+$" .Values.configurations.otelUrl | default "4317" | int }}
      protocol: TCP
{{- end }}
{{- if .Values.global.httpsProxy }}
# The HTTPS proxy.
- ports:
    - port: {{ include "kso.proxyPort" . | int }}
      protocol: TCP
{{- end }}
{{- end -}}

{{/* Egress to what lies outside the pod network: the API server, the backend, image registries. */}}
{{- define "kso.externalEgress" -}}
# The API server, the backend and registries, outside the pod network.
- ports:
    - port: 443
      protocol: TCP
    - port: 80
      protocol: TCP
    - port: 6443
      protocol: TCP
{{- end -}}

{{/* An ingress or egress peer: the pods of one component. Call with (dict "root" $ "name" ...). */}}
{{- define "kso.peer" -}}
- podSelector:
    matchLabels:
      {{- include "kso.selectorLabels" . | nindent 6 }}
{{- end -}}
