package dev.shipyard.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTemplateTest {

    private static final String RELEASE = "farm";

    @TempDir
    static Path dir;

    private static Path chart;
    private static Manifests defaults;

    @BeforeAll
    static void copyChart() {
        chart = ChartFixture.offlineCopy(dir);
        defaults = render();
    }

    /** Renders the chart with the external Kafka/MinIO values plus {@code sets} ("key", value, ...). */
    private static Manifests render(Object... sets) {
        return Manifests.parse(template(ChartFixture.ciValues(), sets));
    }

    private static String template(Object... sets) {
        return template(ChartFixture.ciValues(), sets);
    }

    private static String template(Path values, Object... sets) {
        TemplateCommand command = new Helm(chart).template()
                .withName(RELEASE).withNamespace("builds").withKubeVersion("1.33.0")
                .withValuesFile(values);
        for (int i = 0; i < sets.length; i += 2) {
            command.set((String) sets[i], sets[i + 1]);
        }
        return command.call();
    }

    private static PodSpec pod(Manifests m, String component) {
        return m.get(Deployment.class, "-" + component).getSpec().getTemplate().getSpec();
    }

    private static Container container(Manifests m, String component) {
        return pod(m, component).getContainers().get(0);
    }

    private static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " in " + container.getEnv()));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name + " in " + pod.getVolumes()));
    }

    private static Properties properties(Manifests m, String component) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(m.get(ConfigMap.class, "-config").getData().get(component + ".properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void template_defaults_rendersEveryCoreObjectAsKubernetesModel() {
        Manifests m = defaults;

        assertThat(m.names()).contains("Deployment/farm-shipyard-coordinator", "Deployment/farm-shipyard-worker",
                "Service/farm-shipyard-coordinator", "Service/farm-shipyard-hazelcast", "ConfigMap/farm-shipyard-config",
                "Secret/farm-shipyard-credentials", "ServiceAccount/farm-shipyard", "Role/farm-shipyard-discovery",
                "RoleBinding/farm-shipyard-discovery", "PodDisruptionBudget/farm-shipyard-coordinator",
                "PodDisruptionBudget/farm-shipyard-worker");
        assertThat(m.kinds()).doesNotContain("Ingress", "HorizontalPodAutoscaler", "ScaledObject", "ServiceMonitor");
        assertThat(m.get(Deployment.class, "-coordinator").getSpec().getReplicas()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void template_defaults_probesHealthAndReadinessOnBothComponents() {
        Manifests m = defaults;

        for (String component : List.of("coordinator", "worker")) {
            Container c = container(m, component);
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
            assertThat(c.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
            assertThat(c.getPorts()).anyMatch(p -> p.getName().equals("hazelcast") && p.getContainerPort() == 5701);
        }
        assertThat(container(m, "coordinator").getArgs()).startsWith("coordinator");
        assertThat(container(m, "worker").getArgs()).startsWith("worker");
    }

    @Test
    void template_defaults_workerIsPrivilegedWithSizedEmptyDirAndLongGracePeriod() {
        Manifests m = defaults;
        PodSpec pod = pod(m, "worker");
        Container worker = pod.getContainers().get(0);

        assertThat(worker.getSecurityContext().getPrivileged()).isTrue();
        assertThat(pod.getAffinity()).as("emptyDir workers may share a node").isNull();
        assertThat(worker.getSecurityContext().getCapabilities()).isNull();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(600L);
        assertThat(worker.getLifecycle().getPreStop().getSleep().getSeconds()).isEqualTo(5L);
        Volume snapshots = volume(pod, "snapshots");
        assertThat(snapshots.getEmptyDir().getSizeLimit().toString()).isEqualTo("50Gi");
        assertThat(snapshots.getHostPath()).isNull();
        assertThat(worker.getVolumeMounts()).anyMatch(v -> v.getName().equals("snapshots")
                && v.getMountPath().equals("/var/lib/shipyard"));
        assertThat(worker.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(worker.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(properties(m, "worker")).containsEntry("cache.local.dir", "/var/lib/shipyard")
                .containsEntry("cache.local.max-size", "40GiB").containsEntry("worker.runtime", "builtin");
    }

    @Test
    void template_defaults_coordinatorRunsUnprivileged() {
        Container coordinator = container(defaults, "coordinator");

        assertThat(coordinator.getSecurityContext().getPrivileged()).isNull();
        assertThat(coordinator.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(coordinator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod(defaults, "coordinator").getTopologySpreadConstraints()).singleElement()
                .satisfies(t -> assertThat(t.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
    }

    @Test
    void template_defaults_settingsFromConfigMapAndCredentialsFromSecret() {
        Manifests m = defaults;
        Properties worker = properties(m, "worker");
        Container c = container(m, "worker");

        assertThat(worker).containsEntry("cache.s3.endpoint", "https://minio.example.com")
                .containsEntry("cache.s3.bucket", "shipyard-cache").containsEntry("cache.s3.path-style", "true")
                .containsEntry("kafka.bootstrap-servers", "kafka-0.kafka.example.com:9092,kafka-1.kafka.example.com:9092")
                .containsEntry("kafka.security.protocol", "PLAINTEXT")
                .containsEntry("cache.index.kubernetes.enabled", "true")
                .containsEntry("cache.index.kubernetes.namespace", "builds")
                .containsEntry("cache.index.kubernetes.service", "farm-shipyard-hazelcast")
                .doesNotContainKeys("cache.s3.access-key", "cache.s3.secret-key");
        assertThat(properties(m, "coordinator")).containsEntry("http.port", "8080");
        assertThat(pod(m, "worker").getVolumes()).anyMatch(v -> v.getName().equals("config")
                && v.getConfigMap().getName().equals("farm-shipyard-config")
                && v.getConfigMap().getItems().get(0).getKey().equals("worker.properties"));
        SecretKeySelector accessKey = env(c, "SHIPYARD_CACHE_S3_ACCESS__KEY").getValueFrom().getSecretKeyRef();
        assertThat(accessKey.getName()).isEqualTo("farm-shipyard-credentials");
        Secret secret = m.get(Secret.class, "-credentials");
        assertThat(secret.getStringData()).containsEntry(accessKey.getKey(), "shipyard")
                .containsEntry("s3-secret-key", "shipyard-secret");
    }

    @Test
    void template_defaults_hazelcastServiceIsHeadlessOverBothComponents() {
        Manifests m = defaults;
        Service hazelcast = m.get(Service.class, "-hazelcast");

        assertThat(hazelcast.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(hazelcast.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(hazelcast.getSpec().getSelector()).doesNotContainKey("app.kubernetes.io/component");
        assertThat(m.get(Deployment.class, "-worker").getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(hazelcast.getSpec().getSelector());
        assertThat(m.get(Role.class, "-discovery").getRules()).anyMatch(r -> r.getResources().contains("endpoints"));
    }

    @Test
    void template_defaults_disruptionBudgetsKeepOneOfEach() {
        Manifests m = defaults;

        for (String component : List.of("coordinator", "worker")) {
            PodDisruptionBudget pdb = m.get(PodDisruptionBudget.class, "-" + component);
            assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
            assertThat(pdb.getSpec().getSelector().getMatchLabels())
                    .containsEntry("app.kubernetes.io/component", component);
        }
    }

    @Test
    void template_withoutS3Credentials_failsNamingTheMissingValue() {
        assertThatThrownBy(() -> template("externalS3.accessKey", ""))
                .hasMessageContaining("externalS3.accessKey");
    }

    @Test
    void template_ingressEnabled_routesHostToCoordinatorService() {
        Manifests m = render("coordinator.ingress.enabled", true, "coordinator.ingress.className", "nginx",
                "coordinator.ingress.hosts[0].host", "builds.example.org",
                "coordinator.ingress.hosts[0].paths[0].path", "/", "coordinator.ingress.hosts[0].paths[0].pathType", "Prefix");
        Ingress ingress = m.get(Ingress.class, "farm-shipyard");

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getRules().get(0).getHost()).isEqualTo("builds.example.org");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("farm-shipyard-coordinator");
    }

    @Test
    void template_kedaEnabled_scalesWorkersOnConsumerLagOfTheJobsTopic() {
        Manifests m = render("autoscaling.keda.enabled", true, "autoscaling.keda.maxReplicas", 30);
        GenericKubernetesResource scaled = m.custom("ScaledObject", "-worker");
        Map<String, Object> spec = map(scaled.getAdditionalProperties().get("spec"));
        Map<String, Object> trigger = map(((List<?>) spec.get("triggers")).get(0));
        Map<String, Object> metadata = map(trigger.get("metadata"));

        assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(map(spec.get("scaleTargetRef"))).containsEntry("name", "farm-shipyard-worker");
        assertThat(spec).containsEntry("maxReplicaCount", 30);
        assertThat(trigger).containsEntry("type", "kafka").doesNotContainKey("authenticationRef");
        assertThat(metadata).containsEntry("consumerGroup", "shipyard-workers").containsEntry("topic", "shipyard.jobs")
                .containsEntry("bootstrapServers", "kafka-0.kafka.example.com:9092,kafka-1.kafka.example.com:9092");
        assertThat(properties(m, "worker")).containsEntry("kafka.jobs.group", "shipyard-workers")
                .containsEntry("kafka.jobs.topic", "shipyard.jobs");
        assertThat(m.get(Deployment.class, "-worker").getSpec().getReplicas()).as("left to KEDA").isNull();
        assertThat(m.kinds()).doesNotContain("HorizontalPodAutoscaler");
    }

    @Test
    void template_hpaEnabled_scalesWorkersOnCpu() {
        Manifests m = render("autoscaling.enabled", true, "autoscaling.maxReplicas", 12);
        HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, "-worker");

        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("farm-shipyard-worker");
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(12);
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
        assertThat(m.get(Deployment.class, "-worker").getSpec().getReplicas()).isNull();
    }

    @Test
    void template_serviceMonitorEnabled_scrapesMetricsOfBothComponents() {
        Manifests m = render("metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.labels.release", "prom");
        GenericKubernetesResource monitor = m.custom("ServiceMonitor", "farm-shipyard");
        Map<String, Object> endpoint = map(((List<?>) map(monitor.getAdditionalProperties().get("spec")).get("endpoints")).get(0));

        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prom");
        assertThat(endpoint).containsEntry("path", "/metrics").containsEntry("port", "http");
        assertThat(m.get(Service.class, "-worker").getSpec().getPorts().get(0).getName()).isEqualTo("http");
    }

    @Test
    void template_hostPathSnapshots_mountsTheNodeDirectory() {
        PodSpec pod = pod(render("worker.snapshots.type", "hostPath", "worker.snapshots.hostPath.path", "/mnt/shipyard"), "worker");
        Volume snapshots = volume(pod, "snapshots");

        assertThat(snapshots.getHostPath().getPath()).isEqualTo("/mnt/shipyard");
        assertThat(snapshots.getHostPath().getType()).isEqualTo("DirectoryOrCreate");
        assertThat(snapshots.getEmptyDir()).isNull();
        var antiAffinity = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(antiAffinity).singleElement().satisfies(term -> {
            assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.getLabelSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "worker");
        });
    }

    @Test
    void template_capabilitiesSandbox_addsListedCapabilitiesWithUnconfinedProfiles() {
        Manifests m = render("worker.sandbox.mode", "capabilities");
        Container worker = container(m, "worker");

        assertThat(worker.getSecurityContext().getPrivileged()).isFalse();
        assertThat(worker.getSecurityContext().getCapabilities().getAdd()).containsExactlyInAnyOrder("SYS_ADMIN",
                "NET_ADMIN", "SETUID", "SETGID", "CHOWN", "DAC_OVERRIDE", "FOWNER", "MKNOD", "SYS_CHROOT", "KILL");
        assertThat(worker.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(worker.getSecurityContext().getSeccompProfile().getType()).isEqualTo("Unconfined");
        assertThat(worker.getSecurityContext().getAppArmorProfile().getType()).isEqualTo("Unconfined");
        assertThat(m.get(Deployment.class, "-worker").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("container.apparmor.security.beta.kubernetes.io/worker", "unconfined");
    }

    @Test
    void template_unknownSandboxMode_isRejectedByTheValuesSchema() {
        assertThatThrownBy(() -> template("worker.sandbox.mode", "rootless"))
                .hasMessageContaining("/worker/sandbox/mode").hasMessageContaining("'privileged', 'capabilities'");
    }

    @Test
    void template_unknownWorkerRuntime_isRejectedByTheValuesSchema() {
        assertThatThrownBy(() -> template("worker.runtime", "docker"))
                .hasMessageContaining("/worker/runtime").hasMessageContaining("'builtin', 'runc'");
    }

    @Test
    void template_noCoordinator_isRejectedByTheValuesSchema() {
        assertThatThrownBy(() -> template("coordinator.replicaCount", 0))
                .hasMessageContaining("/coordinator/replicaCount");
    }

    @Test
    void template_existingS3Secret_readsKeysFromItAndRendersNoCredentials() {
        Manifests m = render("externalS3.accessKey", "", "externalS3.secretKey", "",
                "externalS3.existingSecret", "s3-keys", "externalS3.existingSecretAccessKeyKey", "AWS_ACCESS_KEY_ID");
        Container c = container(m, "coordinator");

        SecretKeySelector access = env(c, "SHIPYARD_CACHE_S3_ACCESS__KEY").getValueFrom().getSecretKeyRef();
        SecretKeySelector secret = env(c, "SHIPYARD_CACHE_S3_SECRET__KEY").getValueFrom().getSecretKeyRef();
        assertThat(access.getName()).isEqualTo("s3-keys");
        assertThat(access.getKey()).isEqualTo("AWS_ACCESS_KEY_ID");
        assertThat(secret.getKey()).isEqualTo("secret-key");
        assertThat(m.find(Secret.class, "-credentials")).isEmpty();
    }

    @Test
    void template_registryAuth_passesCredentialsPerHost() {
        Manifests m = render("registry.auth[0].host", "ghcr.io", "registry.auth[0].username", "bot",
                "registry.auth[0].password", "token", "registry.auth[1].host", "registry.example.com:5000",
                "registry.auth[1].existingSecret", "mirror-auth");
        Container c = container(m, "worker");

        SecretKeySelector ghcr = env(c, "SHIPYARD_REGISTRY_AUTH_GHCR_IO_PASSWORD").getValueFrom().getSecretKeyRef();
        assertThat(m.get(Secret.class, "-credentials").getStringData()).containsEntry(ghcr.getKey(), "token")
                .containsEntry("registry-0-username", "bot");
        SecretKeySelector mirror = env(c, "SHIPYARD_REGISTRY_AUTH_REGISTRY_EXAMPLE_COM:5000_USERNAME")
                .getValueFrom().getSecretKeyRef();
        assertThat(mirror.getName()).isEqualTo("mirror-auth");
        assertThat(mirror.getKey()).isEqualTo("username");
    }

    @Test
    void template_kafkaSaslAndTls_configuresClientsAndKedaAuthentication() {
        Manifests m = render("externalKafka.sasl.enabled", true, "externalKafka.sasl.username", "shipyard",
                "externalKafka.sasl.existingSecret", "kafka-user", "externalKafka.tls.enabled", true,
                "externalKafka.tls.caSecret", "kafka-ca", "autoscaling.keda.enabled", true);
        Properties worker = properties(m, "worker");
        PodSpec pod = pod(m, "worker");
        Container c = pod.getContainers().get(0);

        assertThat(worker).containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry("kafka.sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("kafka.ssl.truststore.type", "PEM")
                .containsEntry("kafka.ssl.truststore.location", "/etc/shipyard/kafka-tls/ca.crt");
        assertThat(env(c, "SHIPYARD_KAFKA_SASL_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("kafka-user");
        assertThat(env(c, "SHIPYARD_KAFKA_SASL_JAAS__CONFIG").getValue())
                .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
                .contains("password=\"$(SHIPYARD_KAFKA_SASL_PASSWORD)\"");
        assertThat(volume(pod, "kafka-tls").getSecret().getSecretName()).isEqualTo("kafka-ca");
        assertThat(c.getVolumeMounts()).anyMatch(v -> v.getMountPath().equals("/etc/shipyard/kafka-tls"));

        GenericKubernetesResource auth = m.custom("TriggerAuthentication", "-kafka");
        List<?> targets = (List<?>) map(auth.getAdditionalProperties().get("spec")).get("secretTargetRef");
        assertThat(targets).extracting(t -> map(t).get("parameter")).containsExactly("sasl", "username", "password", "tls", "ca");
        assertThat(m.get(Secret.class, "-keda-kafka").getStringData()).containsEntry("sasl", "scram_sha512")
                .containsEntry("tls", "enable");
        Map<String, Object> trigger = map(((List<?>) map(m.custom("ScaledObject", "-worker")
                .getAdditionalProperties().get("spec")).get("triggers")).get(0));
        assertThat(map(trigger.get("authenticationRef"))).containsEntry("name", "farm-shipyard-kafka");
    }

    @Test
    void template_inClusterKafkaAndMinio_pointsAtTheSubchartServices() {
        Manifests m = render("kafka.enabled", true, "minio.enabled", true);
        Properties worker = properties(m, "worker");

        assertThat(worker).containsEntry("kafka.bootstrap-servers", "farm-kafka:9092")
                .containsEntry("cache.s3.endpoint", "http://farm-minio:9000").containsEntry("cache.s3.path-style", "true");
        assertThat(env(container(m, "worker"), "SHIPYARD_CACHE_S3_ACCESS__KEY").getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("farm-minio");
    }

    @Test
    void template_documentedFarmValues_renderSaslTlsKedaIngressAndExistingSecrets() {
        Manifests m = Manifests.parse(template(ChartFixture.sourceChart().resolve("../examples/farm-values.yaml")));

        assertThat(properties(m, "worker")).containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry("cache.s3.endpoint", "http://minio.storage.svc:9000");
        assertThat(m.find(Secret.class, "-credentials")).as("every credential comes from an existing Secret").isEmpty();
        assertThat(m.kinds()).contains("Ingress", "ScaledObject", "TriggerAuthentication");
        assertThat(pod(m, "worker").getNodeSelector()).containsEntry("shipyard.dev/builder", "true");
    }

    @Test
    void readme_farmValues_matchTheExampleFileTheTestsRender() throws IOException {
        Path examples = ChartFixture.sourceChart().resolve("../examples/farm-values.yaml");
        String readme = Files.readString(ChartFixture.sourceChart().resolve("../README.md"));
        String example = Files.readString(examples);

        assertThat(readme).contains(example.substring(example.indexOf('\n') + 1));
    }

    @Test
    void template_everyFeatureOn_leavesNoFieldUnknownToTheKubernetesModel() {
        Manifests keda = render("coordinator.ingress.enabled", true, "autoscaling.keda.enabled", true,
                "metrics.serviceMonitor.enabled", true, "worker.snapshots.type", "hostPath",
                "worker.sandbox.mode", "capabilities", "externalKafka.sasl.enabled", true,
                "externalKafka.sasl.username", "u", "externalKafka.sasl.password", "p", "externalKafka.tls.enabled", true,
                "externalKafka.tls.caSecret", "ca", "registry.auth[0].host", "ghcr.io", "registry.auth[0].username", "u",
                "registry.auth[0].password", "p", "registry.insecure[0]", "mirror:5000");
        Manifests hpa = render("autoscaling.enabled", true, "worker.snapshots.medium", "Memory");

        assertThat(keda.objects()).hasSizeGreaterThan(15);
        for (Manifests m : List.of(defaults, keda, hpa)) {
            for (var object : m.objects()) {
                assertThat(UnknownFields.of(object)).as("unknown fields of %s/%s", object.getKind(),
                        object.getMetadata().getName()).isEmpty();
            }
        }
    }

    @Test
    void unknownFields_misspeltField_isFound() {
        Manifests m = Manifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers:
                    - name: c
                      securityContext: {privilegd: true}
                """);

        assertThat(UnknownFields.of(m.objects().get(0))).containsExactly(".spec.containers[0].securityContext.privilegd");
    }
}
