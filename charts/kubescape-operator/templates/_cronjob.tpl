{{/*
A scan CronJob: its pod runs the http-request client once, which posts the request body mounted from
the ConfigMap `body` to the operator's /v1/triggerAction. The image's entry point carries the JVM
flags, so the container passes only args. Call with a dict:
  root      the chart's context ($)
  name      the CronJob's name
  tier      value of the armo.tier label (kubescape-scan, vuln-scan, registry-scan)
  values    the scheduler's values (image, resources, scheduling, volumes)
  schedule  the cron schedule
  body      name of the ConfigMap holding request-body.json
  template  true for the operator's templates: their copies are not Helm's, so no Helm labels
*/}}
{{- define "kso.scanCronJob" -}}
{{- $root := .root -}}
{{- $v := .values -}}
apiVersion: batch/v1
kind: CronJob
metadata:
  name: {{ .name }}
  namespace: {{ include "kso.namespace" $root }}
  labels:
    {{- include "kso.scanLabels" . | nindent 4 }}
spec:
  schedule: {{ .schedule | quote }}
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      backoffLimit: 3
      template:
        metadata:
          labels:
            {{- include "kso.scanLabels" . | nindent 12 }}
        spec:
          restartPolicy: Never
          automountServiceAccountToken: false
          securityContext:
            {{- toYaml $root.Values.global.podSecurityContext | nindent 12 }}
          {{- with include "kso.imagePullSecrets" $root | trim }}
          {{- . | nindent 10 }}
          {{- end }}
          containers:
            - name: {{ .name }}
              image: {{ include "kso.image" (dict "root" $root "image" $v.image) }}
              imagePullPolicy: {{ $v.image.pullPolicy }}
              securityContext:
                {{- toYaml $root.Values.global.securityContext | nindent 16 }}
              args:
                - -method=post
                - -scheme=http
                - {{ printf "-host=operator:%v" $root.Values.operator.service.port }}
                - -path=v1/triggerAction
                - -headers=Content-Type:application/json
                - -path-body=/home/ks/request-body.json
              resources:
                {{- toYaml $v.resources | nindent 16 }}
              volumeMounts:
                - name: request-body-volume
                  mountPath: /home/ks/request-body.json
                  subPath: request-body.json
                  readOnly: true
                {{- with include "kso.extraVolumeMounts" (dict "root" $root "values" $v) | trim }}
                {{- . | nindent 16 }}
                {{- end }}
          volumes:
            - name: request-body-volume
              configMap:
                name: {{ .body }}
            {{- with include "kso.extraVolumes" (dict "root" $root "values" $v) | trim }}
            {{- . | nindent 12 }}
            {{- end }}
          {{- with include "kso.scheduling" $v | trim }}
          {{- . | nindent 10 }}
          {{- end }}
{{- end -}}

{{/* Labels of a scan CronJob and its pods; armo.tier lets them through the operator's NetworkPolicy. */}}
{{- define "kso.scanLabels" -}}
{{- if .template -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
app: {{ .name }}
tier: {{ .root.Values.global.namespaceTier }}
{{- else -}}
{{- include "kso.labels" . }}
{{- end }}
armo.tier: {{ .tier }}
{{- end -}}

{{/* A recurring-scan template ConfigMap: the operator copies its CronJob for every schedule it creates. */}}
{{- define "kso.cronJobTemplateConfigMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  {{- include "kso.metadata" (dict "root" .root "name" .configMap "component" .configMap) | nindent 2 }}
data:
  cronjobTemplate: |
    {{- include "kso.scanCronJob" (set . "template" true) | nindent 4 }}
{{- end -}}
