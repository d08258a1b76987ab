{{/*
The pod template of a service (gateway, operator, kubevuln, kubescape, kollector). Call with a dict:
  root        the chart's context ($)
  name        the component: container, ServiceAccount and label name
  values      the component's values
  automount   whether the pod gets a Kubernetes API token (only components that call the API)
  ports       container ports: list of (dict "name" .. "containerPort" ..)
  env         the component's own environment: list of EnvVar dicts
  probePort   name of the port the probes use
  liveness    liveness path;  readiness: readiness path
  metricsPort the port of /metrics (scrape annotations); metricsPath: its path
  dataVolume  optional writable volume: (dict "mountPath" .. "sizeLimit" ..) for an emptyDir, with
              "claimName" for a PersistentVolumeClaim instead; "name" defaults to data
  configMaps  optional read-only ConfigMap directories: list of (dict "name" .. "mountPath" .. "key" ..)
              each mounting only that key, and restarting the pod when its "content" changes
  podSecurityContext  optional, replaces global.podSecurityContext
*/}}
{{- define "kso.servicePod" -}}
{{- $root := .root -}}
{{- $v := .values -}}
metadata:
  labels:
    {{- include "kso.labels" . | nindent 4 }}
    {{- if $root.Values.addRevisionLabel }}
    helm.sh/revision: {{ $root.Release.Revision | quote }}
    {{- end }}
    {{- with $v.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    # Pods restart when a ConfigMap they mount changes.
    checksum/cloud-config: {{ include "kso.clusterData" $root | sha256sum }}
    {{- range .configMaps }}
    checksum/{{ .name }}: {{ .content | sha256sum }}
    {{- end }}
    {{- if include "kso.scrapeAnnotationsOn" $root }}
    prometheus.io/scrape: "true"
    prometheus.io/port: {{ .metricsPort | toString | quote }}
    prometheus.io/path: {{ .metricsPath }}
    {{- end }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  serviceAccountName: {{ .name }}
  automountServiceAccountToken: {{ .automount }}
  securityContext:
    {{- toYaml (.podSecurityContext | default $root.Values.global.podSecurityContext) | nindent 4 }}
  {{- with include "kso.imagePullSecrets" $root | trim }}
  {{- . | nindent 2 }}
  {{- end }}
  containers:
    - name: {{ .name }}
      image: {{ include "kso.image" (dict "root" $root "image" $v.image) }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      securityContext:
        {{- toYaml $root.Values.global.securityContext | nindent 8 }}
      ports:
        {{- range .ports }}
        - name: {{ .name }}
          containerPort: {{ .containerPort }}
          protocol: TCP
        {{- end }}
      env:
        {{- include "kso.commonEnv" . | nindent 8 }}
        {{- with .env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $v.env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      resources:
        {{- toYaml $v.resources | nindent 8 }}
      {{- $probes := $root.Values.global.probes }}
      startupProbe:
        httpGet:
          path: {{ .liveness }}
          port: {{ .probePort }}
        {{- toYaml $probes.startup | nindent 8 }}
      livenessProbe:
        httpGet:
          path: {{ .liveness }}
          port: {{ .probePort }}
        {{- toYaml $probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: {{ .readiness }}
          port: {{ .probePort }}
        {{- toYaml $probes.readiness | nindent 8 }}
      volumeMounts:
        - name: ks-cloud-config
          mountPath: /etc/config
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- with .dataVolume }}
        - name: {{ .name | default "data" }}
          mountPath: {{ .mountPath }}
        {{- end }}
        {{- range .configMaps }}
        - name: {{ .name }}
          mountPath: {{ .mountPath }}
          readOnly: true
        {{- end }}
        {{- with include "kso.extraVolumeMounts" (dict "root" $root "values" $v) | trim }}
        {{- . | nindent 8 }}
        {{- end }}
  volumes:
    - name: ks-cloud-config
      configMap:
        name: {{ $root.Values.global.cloudConfig }}
        items:
          - key: clusterData
            path: clusterData.json
    - name: tmp
      emptyDir:
        sizeLimit: {{ $root.Values.global.tmpSizeLimit }}
    {{- with .dataVolume }}
    - name: {{ .name | default "data" }}
      {{- if .claimName }}
      persistentVolumeClaim:
        claimName: {{ .claimName }}
      {{- else }}
      emptyDir:
        sizeLimit: {{ .sizeLimit }}
      {{- end }}
    {{- end }}
    {{- range .configMaps }}
    - name: {{ .name }}
      configMap:
        name: {{ .name }}
        items:
          - key: {{ .key }}
            path: {{ .key }}
    {{- end }}
    {{- with include "kso.extraVolumes" (dict "root" $root "values" $v) | trim }}
    {{- . | nindent 4 }}
    {{- end }}
  {{- with include "kso.scheduling" $v | trim }}
  {{- . | nindent 2 }}
  {{- end }}
{{- end -}}

{{/* Environment every service gets. Call with the servicePod dict. */}}
{{- define "kso.commonEnv" -}}
{{- $root := .root -}}
- name: CONFIG
  value: /etc/config/clusterData.json
- name: JAVA_TOOL_OPTIONS
  value: {{ include "kso.javaToolOptions" . | quote }}
{{- with include "kso.otelTarget" $root }}
- name: OTEL_COLLECTOR_SVC
  value: {{ . | quote }}
{{- end }}
{{- with .values.properties }}
- name: SPRING_APPLICATION_JSON
  value: {{ dict "ks" (dict $.name .) | toJson | quote }}
{{- end }}
{{- include "kso.proxyEnv" $root }}
{{- end -}}

{{/* Proxy environment, for programs and libraries that read it (fabric8 does). */}}
{{- define "kso.proxyEnv" -}}
{{- with .Values.global.httpsProxy }}
{{- $url := regexMatch "^[a-zA-Z][a-zA-Z0-9+.-]*://" . | ternary . (printf "http://%s" .) }}
- name: HTTPS_PROXY
  value: {{ $url | quote }}
- name: https_proxy
  value: {{ $url | quote }}
- name: NO_PROXY
  value: {{ include "kso.noProxyHosts" $ | quote }}
- name: no_proxy
  value: {{ include "kso.noProxyHosts" $ | quote }}
{{- end }}
{{- end -}}

{{/* Mounts every container gets after its own: the proxy certificate, global and component mounts. */}}
{{- define "kso.extraVolumeMounts" -}}
{{- if .root.Values.global.proxySecretFile }}
- name: proxy-secret
  mountPath: /etc/ssl/certs/proxy.crt
  subPath: proxy.crt
  readOnly: true
{{- end }}
{{- with .root.Values.volumeMounts }}
{{ toYaml . }}
{{- end }}
{{- with .values.volumeMounts }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Volumes every pod gets after its own (see kso.extraVolumeMounts). */}}
{{- define "kso.extraVolumes" -}}
{{- if .root.Values.global.proxySecretFile }}
- name: proxy-secret
  secret:
    secretName: {{ .root.Values.global.proxySecretName }}
{{- end }}
{{- with .root.Values.volumes }}
{{ toYaml . }}
{{- end }}
{{- with .values.volumes }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The clusterData document of ks-cloud-config: how every component finds every other one. */}}
{{- define "kso.clusterData" -}}
{{- $v := .Values -}}
{{- $data := dict
  "gatewayWebsocketURL" (printf "gateway:%v" $v.gateway.websocketService.port)
  "gatewayRestURL" (printf "gateway:%v" $v.gateway.httpService.port)
  "vulnScanURL" (printf "kubevuln:%v" $v.kubevuln.service.port)
  "kubevulnURL" (printf "kubevuln:%v" $v.kubevuln.service.port)
  "kubescapeURL" (printf "kubescape:%v" $v.kubescape.service.port)
  "triggerNewImageScan" ($v.triggerNewImageScan | toString)
  "accountID" $v.account
  "clusterName" (include "kso.clusterName" .)
  "namespace" (include "kso.namespace" .)
  "keepLocal" (empty $v.eventReceiverHttpUrl)
  "eventReceiverRestURL" $v.eventReceiverHttpUrl
  "eventReceiverWebsocketURL" $v.k8sReportUrl
  "rootGatewayURL" $v.gatewayUrl
  "backendOpenAPI" $v.backendOpenAPI
  "storage" false
  "nodeAgent" "false"
  "postureScanEnabled" $v.kubescape.enabled
  "imageVulnerabilitiesScanningEnabled" $v.kubevuln.enabled
  "otelCollector" (not (empty (include "kso.otelTarget" .)))
  "maxImageSize" (int64 $v.kubevuln.config.maxImageSize)
  "scanTimeout" $v.kubevuln.config.scanTimeout
  "clusterProvider" (include "kso.cloudProvider" .)
-}}
{{- toPrettyJson $data -}}
{{- end -}}
