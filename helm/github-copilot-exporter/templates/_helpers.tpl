{{/* The chart's name, or nameOverride. */}}
{{- define "github-copilot-exporter.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name of the release's resources. */}}
{{- define "github-copilot-exporter.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "github-copilot-exporter.selectorLabels" -}}
app.kubernetes.io/name: {{ include "github-copilot-exporter.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "github-copilot-exporter.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "github-copilot-exporter.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "github-copilot-exporter.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "github-copilot-exporter.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret with the credential: the user's existing one, or the chart's. */}}
{{- define "github-copilot-exporter.secretName" -}}
{{- default (include "github-copilot-exporter.fullname" .) .Values.github.existingSecret }}
{{- end }}

{{/* Whether a GitHub App is configured (an id), rather than a token. */}}
{{- define "github-copilot-exporter.usesApp" -}}
{{- if .Values.github.app.id }}true{{ end }}
{{- end }}

{{/*
The port a URL connects to: its explicit port, else 443 for https and 80 for http.
*/}}
{{- define "github-copilot-exporter.urlPort" -}}
{{- $url := urlParse . }}
{{- $port := regexFind ":[0-9]+$" $url.host | trimPrefix ":" }}
{{- if $port }}{{ $port }}{{ else if eq $url.scheme "https" }}443{{ else }}80{{ end }}
{{- end }}

{{/*
The TCP ports the NetworkPolicy lets the exporter reach besides DNS, comma-separated: networkPolicy.egressPorts,
then the ports of github.apiUrl, otlp.endpoint, remoteWrite.url, proxy.https and proxy.http, each once.
*/}}
{{- define "github-copilot-exporter.egressPorts" -}}
{{- $ports := list }}
{{- range .Values.networkPolicy.egressPorts }}
{{- $ports = append $ports (int64 . | toString) }}
{{- end }}
{{- range (list .Values.github.apiUrl .Values.otlp.endpoint .Values.remoteWrite.url .Values.proxy.https .Values.proxy.http) }}
{{- if . }}
{{- $ports = append $ports (include "github-copilot-exporter.urlPort" .) }}
{{- end }}
{{- end }}
{{- $ports | uniq | join "," }}
{{- end }}

{{/*
Refuses values the exporter would reject at start (exit code 2, a crash loop), with the value to set.
Included by the Deployment, so `helm template`, `helm install` and `helm lint` all stop on them.
*/}}
{{- define "github-copilot-exporter.validate" -}}
{{- $v := .Values }}
{{- /* Every required value that is missing, named in one error: a first install with no values learns them all at once. */}}
{{- $missing := list }}
{{- if not $v.image.repository }}
{{- $missing = append $missing (printf "image.repository is required: no image of the exporter is published, so build it and push it to your registry (see \"Container\" in the repository README), then set image.repository (image.tag defaults to the chart's appVersion, %s)" .Chart.AppVersion) }}
{{- end }}
{{- if eq $v.copilot.api "legacy-metrics" }}
{{- if not (or $v.copilot.orgs $v.copilot.enterprises $v.copilot.teams $v.copilot.enterpriseTeams) }}
{{- $missing = append $missing "no target to export: set copilot.orgs, copilot.enterprises, copilot.teams or copilot.enterpriseTeams" }}
{{- end }}
{{- else if not (or $v.copilot.orgs $v.copilot.enterprises) }}
{{- if or $v.copilot.teams $v.copilot.enterpriseTeams }}
{{- $missing = append $missing "no target to export: set copilot.orgs or copilot.enterprises (with the usage-metrics source, copilot.teams and copilot.enterpriseTeams only choose the team series of those targets)" }}
{{- else }}
{{- $missing = append $missing "no target to export: set copilot.orgs or copilot.enterprises" }}
{{- end }}
{{- end }}
{{- if $v.github.app.id }}
{{- if $v.github.token }}
{{- fail "set either github.token or github.app.id, not both" }}
{{- end }}
{{- if not (or $v.github.app.privateKey $v.github.existingSecret) }}
{{- $missing = append $missing (printf "github.app.id is set but the App has no private key: set github.app.privateKey, or github.existingSecret (a Secret with the key under %q, github.existingSecretPrivateKeyKey)" $v.github.existingSecretPrivateKeyKey) }}
{{- end }}
{{- else if or $v.github.app.privateKey $v.github.app.installationId }}
{{- fail "github.app.privateKey or github.app.installationId is set without github.app.id: set github.app.id, the App's numeric id" }}
{{- else if not (or $v.github.token $v.github.existingSecret) }}
{{- $missing = append $missing (printf "no GitHub credential: set github.existingSecret (a Secret with the token under %q, github.existingSecretTokenKey), github.token, or github.app.id with github.app.privateKey" $v.github.existingSecretTokenKey) }}
{{- end }}
{{- if eq (len $missing) 1 }}
{{- fail (first $missing) }}
{{- else if $missing }}
{{- $numbered := list }}
{{- range $i, $reason := $missing }}
{{- $numbered = append $numbered (printf "(%d) %s" (add1 $i) $reason) }}
{{- end }}
{{- fail (printf "%d required values are missing: %s" (len $missing) (join "; " $numbered)) }}
{{- end }}
{{- if and $v.github.existingSecret (or $v.github.token $v.github.app.privateKey) }}
{{- fail "github.existingSecret replaces the chart's Secret: unset github.token and github.app.privateKey, or github.existingSecret" }}
{{- end }}
{{- if and $v.copilot.userMetrics (eq $v.copilot.userLabel "hash") }}
{{- if $v.github.existingSecret }}
{{- if $v.copilot.userHashSalt }}
{{- fail (printf "copilot.userHashSalt is not used with github.existingSecret: put the salt into Secret %s under the key user-hash-salt, and unset copilot.userHashSalt" $v.github.existingSecret) }}
{{- end }}
{{- else if lt (len $v.copilot.userHashSalt) 8 }}
{{- fail "copilot.userLabel=hash needs copilot.userHashSalt, a secret of at least 8 characters that stays the same across upgrades (or a user-hash-salt key in github.existingSecret)" }}
{{- end }}
{{- end }}
{{- range $name, $url := dict "otlp.endpoint" $v.otlp.endpoint "proxy.https" $v.proxy.https "proxy.http" $v.proxy.http }}
{{- if and $url (urlParse $url).userinfo }}
{{- if hasPrefix "proxy" $name }}
{{- fail (printf "%s holds credentials, which would land in a ConfigMap: put the URL into a Secret and set proxy.existingSecret instead" $name) }}
{{- else }}
{{- fail "otlp.endpoint holds credentials, which would land in a ConfigMap: send them as a header with otlp.headersSecret instead" }}
{{- end }}
{{- end }}
{{- end }}
{{- if and $v.proxy.existingSecret (or $v.proxy.https $v.proxy.http) }}
{{- fail "set either proxy.https/proxy.http or proxy.existingSecret, not both" }}
{{- end }}
{{- $replicas := int64 $v.replicaCount }}
{{- if and (gt $replicas 1) $v.podDisruptionBudget.enabled (not $v.podDisruptionBudget.maxUnavailable) (not (kindIs "string" $v.podDisruptionBudget.minAvailable)) }}
{{- if ge (int64 $v.podDisruptionBudget.minAvailable) $replicas }}
{{- fail (printf "podDisruptionBudget.minAvailable (%d) must be below replicaCount (%d), or no node could ever be drained" (int64 $v.podDisruptionBudget.minAvailable) $replicas) }}
{{- end }}
{{- end }}
{{- end }}
