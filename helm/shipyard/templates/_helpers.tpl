{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "shipyard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped name of every object. */}}
{{- define "shipyard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "shipyard.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "shipyard.labels" -}}
helm.sh/chart: {{ include "shipyard.chart" . }}
{{ include "shipyard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "shipyard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "shipyard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one component; call with (dict "root" $ "component" "worker"). */}}
{{- define "shipyard.componentLabels" -}}
{{ include "shipyard.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "shipyard.componentSelectorLabels" -}}
{{ include "shipyard.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "shipyard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "shipyard.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "shipyard.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Headless Service through which Hazelcast members find each other. */}}
{{- define "shipyard.hazelcastService" -}}
{{- printf "%s-hazelcast" (include "shipyard.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "shipyard.kafkaBootstrapServers" -}}
{{- if .Values.kafka.enabled -}}
{{- printf "%s-kafka:9092" .Release.Name -}}
{{- else -}}
{{- required "externalKafka.bootstrapServers is required when kafka.enabled is false" .Values.externalKafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* Kafka security.protocol from the SASL and TLS switches. */}}
{{- define "shipyard.kafkaSecurityProtocol" -}}
{{- $sasl := and (not .Values.kafka.enabled) .Values.externalKafka.sasl.enabled -}}
{{- $tls := and (not .Values.kafka.enabled) .Values.externalKafka.tls.enabled -}}
{{- if and $sasl $tls -}}SASL_SSL{{- else if $sasl -}}SASL_PLAINTEXT{{- else if $tls -}}SSL{{- else -}}PLAINTEXT{{- end -}}
{{- end -}}

{{- define "shipyard.kafkaSaslEnabled" -}}
{{- if and (not .Values.kafka.enabled) .Values.externalKafka.sasl.enabled -}}true{{- end -}}
{{- end -}}

{{- define "shipyard.kafkaTlsEnabled" -}}
{{- if and (not .Values.kafka.enabled) .Values.externalKafka.tls.enabled -}}true{{- end -}}
{{- end -}}

{{- define "shipyard.kafkaLoginModule" -}}
{{- if eq .Values.externalKafka.sasl.mechanism "PLAIN" -}}
org.apache.kafka.common.security.plain.PlainLoginModule
{{- else -}}
org.apache.kafka.common.security.scram.ScramLoginModule
{{- end -}}
{{- end -}}

{{/* Secret holding the credentials the chart renders itself. */}}
{{- define "shipyard.secretName" -}}
{{- printf "%s-credentials" (include "shipyard.fullname" .) -}}
{{- end -}}

{{- define "shipyard.s3Endpoint" -}}
{{- if .Values.minio.enabled -}}
{{- printf "http://%s-minio:9000" .Release.Name -}}
{{- else -}}
{{- required "externalS3.endpoint is required when minio.enabled is false" .Values.externalS3.endpoint -}}
{{- end -}}
{{- end -}}

{{/* Name of the Secret and keys holding the S3 access and secret keys: "name key key". */}}
{{- define "shipyard.s3SecretRef" -}}
{{- if .Values.minio.enabled -}}
{{- printf "%s-minio root-user root-password" .Release.Name -}}
{{- else if .Values.externalS3.existingSecret -}}
{{- printf "%s %s %s" .Values.externalS3.existingSecret .Values.externalS3.existingSecretAccessKeyKey .Values.externalS3.existingSecretSecretKeyKey -}}
{{- else -}}
{{- printf "%s s3-access-key s3-secret-key" (include "shipyard.secretName" .) -}}
{{- end -}}
{{- end -}}

{{/*
Environment variable of a Shipyard setting: SHIPYARD_ + the key upper-cased, dashes as double underscores
and dots as underscores (Settings.environmentName maps it back).
*/}}
{{- define "shipyard.envName" -}}
{{- printf "SHIPYARD_%s" (. | upper | replace "-" "__" | replace "." "_") -}}
{{- end -}}

{{/* The settings both components share, as a flat dict. */}}
{{- define "shipyard.sharedSettings" -}}
{{- $s := dict -}}
{{- $_ := set $s "cache.s3.endpoint" (include "shipyard.s3Endpoint" .) -}}
{{- if .Values.minio.enabled -}}
{{- $_ := set $s "cache.s3.bucket" (.Values.minio.defaultBuckets | splitList "," | first) -}}
{{- $_ := set $s "cache.s3.path-style" "true" -}}
{{- $_ := set $s "cache.s3.region" "us-east-1" -}}
{{- else -}}
{{- $_ := set $s "cache.s3.bucket" (required "externalS3.bucket is required" .Values.externalS3.bucket) -}}
{{- $_ := set $s "cache.s3.path-style" (toString .Values.externalS3.pathStyle) -}}
{{- $_ := set $s "cache.s3.region" .Values.externalS3.region -}}
{{- with .Values.externalS3.prefix }}{{ $_ := set $s "cache.s3.prefix" . }}{{ end -}}
{{- end -}}
{{- $_ := set $s "cache.index.cluster-name" .Values.hazelcast.clusterName -}}
{{- $_ := set $s "cache.index.port" (toString .Values.hazelcast.port) -}}
{{- $_ := set $s "cache.index.kubernetes.enabled" "true" -}}
{{- $_ := set $s "cache.index.kubernetes.namespace" .Release.Namespace -}}
{{- $_ := set $s "cache.index.kubernetes.service" (include "shipyard.hazelcastService" .) -}}
{{- with .Values.gc.unusedAge }}{{ $_ := set $s "cache.gc.unused-age" . }}{{ end -}}
{{- with .Values.gc.grace }}{{ $_ := set $s "cache.gc.grace" . }}{{ end -}}
{{- with .Values.gc.budget }}{{ $_ := set $s "cache.gc.budget" . }}{{ end -}}
{{- with .Values.gc.interval }}{{ $_ := set $s "cache.gc.interval" . }}{{ end -}}
{{- with .Values.registry.insecure }}{{ $_ := set $s "registry.insecure" (join "," .) }}{{ end -}}
{{- $_ := set $s "kafka.bootstrap-servers" (include "shipyard.kafkaBootstrapServers" .) -}}
{{- $_ := set $s "kafka.security.protocol" (include "shipyard.kafkaSecurityProtocol" .) -}}
{{- $_ := set $s "kafka.jobs.topic" .Values.externalKafka.jobsTopic -}}
{{- $_ := set $s "kafka.jobs.group" .Values.externalKafka.workerGroup -}}
{{- if include "shipyard.kafkaSaslEnabled" . -}}
{{- $_ := set $s "kafka.sasl.mechanism" .Values.externalKafka.sasl.mechanism -}}
{{- end -}}
{{- if and (include "shipyard.kafkaTlsEnabled" .) .Values.externalKafka.tls.caSecret -}}
{{- $_ := set $s "kafka.ssl.truststore.type" "PEM" -}}
{{- $_ := set $s "kafka.ssl.truststore.location" (printf "/etc/shipyard/kafka-tls/%s" .Values.externalKafka.tls.caSecretKey) -}}
{{- end -}}
{{- range $k, $v := .Values.config }}{{ $_ := set $s $k (toString $v) }}{{ end -}}
{{- toYaml $s -}}
{{- end -}}

{{/* Renders a dict of settings as sorted properties lines. */}}
{{- define "shipyard.properties" -}}
{{- range $k := keys . | sortAlpha }}
{{ $k }}={{ get $ $k }}
{{- end -}}
{{- end -}}

{{/* Secret-backed environment of both components. */}}
{{- define "shipyard.secretEnv" -}}
{{- $s3 := include "shipyard.s3SecretRef" . | splitList " " }}
- name: {{ include "shipyard.envName" "cache.s3.access-key" }}
  valueFrom:
    secretKeyRef:
      name: {{ index $s3 0 }}
      key: {{ index $s3 1 }}
- name: {{ include "shipyard.envName" "cache.s3.secret-key" }}
  valueFrom:
    secretKeyRef:
      name: {{ index $s3 0 }}
      key: {{ index $s3 2 }}
{{- if include "shipyard.kafkaSaslEnabled" . }}
- name: SHIPYARD_KAFKA_SASL_USERNAME
  value: {{ required "externalKafka.sasl.username is required with SASL" .Values.externalKafka.sasl.username | quote }}
- name: SHIPYARD_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      {{- if .Values.externalKafka.sasl.existingSecret }}
      name: {{ .Values.externalKafka.sasl.existingSecret }}
      key: {{ .Values.externalKafka.sasl.existingSecretPasswordKey }}
      {{- else }}
      name: {{ include "shipyard.secretName" . }}
      key: kafka-password
      {{- end }}
- name: {{ include "shipyard.envName" "kafka.sasl.jaas-config" }}
  value: {{ printf "%s required username=\"$(SHIPYARD_KAFKA_SASL_USERNAME)\" password=\"$(SHIPYARD_KAFKA_SASL_PASSWORD)\";" (include "shipyard.kafkaLoginModule" .) | quote }}
{{- end }}
{{- range $i, $auth := .Values.registry.auth }}
- name: {{ include "shipyard.envName" (printf "registry.auth.%s.username" $auth.host) }}
  valueFrom:
    secretKeyRef:
      name: {{ default (include "shipyard.secretName" $) $auth.existingSecret }}
      key: {{ if $auth.existingSecret }}{{ default "username" $auth.usernameKey }}{{ else }}{{ printf "registry-%d-username" $i }}{{ end }}
- name: {{ include "shipyard.envName" (printf "registry.auth.%s.password" $auth.host) }}
  valueFrom:
    secretKeyRef:
      name: {{ default (include "shipyard.secretName" $) $auth.existingSecret }}
      key: {{ if $auth.existingSecret }}{{ default "password" $auth.passwordKey }}{{ else }}{{ printf "registry-%d-password" $i }}{{ end }}
{{- end }}
{{- end -}}

{{/* Pod annotation that rolls the pods when the rendered configuration changes. */}}
{{- define "shipyard.configChecksum" -}}
checksum/config: {{ include (print $.Template.BasePath "/configmap.yaml") . | sha256sum }}
checksum/credentials: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end -}}

{{/* Mount of the Kafka CA certificate, when TLS with a CA Secret is on. */}}
{{- define "shipyard.kafkaTlsVolumeMount" -}}
{{- if and (include "shipyard.kafkaTlsEnabled" .) .Values.externalKafka.tls.caSecret -}}
- name: kafka-tls
  mountPath: /etc/shipyard/kafka-tls
  readOnly: true
{{- end -}}
{{- end -}}

{{- define "shipyard.kafkaTlsVolume" -}}
{{- if and (include "shipyard.kafkaTlsEnabled" .) .Values.externalKafka.tls.caSecret -}}
- name: kafka-tls
  secret:
    secretName: {{ .Values.externalKafka.tls.caSecret }}
{{- end -}}
{{- end -}}
