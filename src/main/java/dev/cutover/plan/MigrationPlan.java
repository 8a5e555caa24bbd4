package dev.cutover.plan;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The migration plan: everything that makes this cutover this team's cutover. Another team's
 * migration is another plan file ({@code plans/*.yaml}, named by {@code cutover.plan} and read by
 * {@link PlanFile} into {@code cutover.plan.*}), not other code. Validated at startup: an invalid
 * plan stops the application with one message naming every bad field and its line.
 */
@Validated
@ConfigurationProperties("cutover.plan")
public record MigrationPlan(
        @NotBlank String name,
        @NotNull @Valid Domains domains,
        @NotNull @Valid Dns dns,
        @NotNull @Valid Aws aws,
        @NotNull @Valid Rds rds,
        @NotNull @Valid Buckets buckets,
        @NotNull @Valid Heroku heroku,
        @NotNull @Valid Twilio twilio,
        @NotNull @Valid Mailgun mailgun,
        @NotNull @Valid GitHub github,
        @NotNull @Valid Tower tower,
        @NotNull @Valid Pingdom pingdom,
        @NotNull @Valid Lambda lambda,
        @NotNull @Valid Iam iam,
        @NotNull @Valid Preparation preparation,
        @NotNull @Valid Launch launch,
        @NotNull @Valid @DefaultValue PasswordRotation passwordRotation,
        @NotNull @Valid Timings timings,
        // a go/no-go of the whole run must be decided by a lead other than the one who started it
        @DefaultValue("false") boolean fourEyes) {

    /** Who answers for a domain's DNS. */
    public enum DnsProvider { NAMECHEAP, ROUTE53 }

    public record Domains(@NotNull @Valid Domain old, @NotNull @Valid Domain current, @Hostname @NotBlank String www) {}

    /**
     * A domain and who answers for its DNS. In Route53 it has a hosted zone; at Namecheap it is a
     * host in a zone of the organisation's ({@code namecheap-zone}, e.g. codeforamerica.org).
     */
    public record Domain(@Hostname @NotBlank String name, @NotNull DnsProvider dns, String hostedZoneId,
            String namecheapZone) {

        @AssertTrue(message = "a domain whose DNS is in Route53 needs its hosted-zone-id (Z…)")
        public boolean isHostedZoneKnown() {
            return dns != DnsProvider.ROUTE53 || (hostedZoneId != null && hostedZoneId.matches("Z[A-Z0-9]{4,32}"));
        }

        @AssertTrue(message = "a domain whose DNS is at Namecheap needs its namecheap-zone, a zone it lies in")
        public boolean isNamecheapZoneKnown() {
            return dns != DnsProvider.NAMECHEAP || (namecheapZone != null && name != null
                    && (name.equals(namecheapZone) || name.endsWith("." + namecheapZone)));
        }

        /** The host's label within its Namecheap zone: {@code @} for the zone's apex. */
        public String namecheapHost() {
            return name.equals(namecheapZone) ? "@" : name.substring(0, name.length() - namecheapZone.length() - 1);
        }
    }

    /**
     * "Check DNS has completely propagated" asks every resolver for every name in {@code propagated}:
     * DNS has propagated when all of them answer as expected.
     */
    public record Dns(@NotEmpty List<@Valid DnsResolver> resolvers, @NotEmpty List<@Valid DnsExpectation> propagated) {}

    /**
     * A name after the launch and what it must resolve to: an address or a host name for A (an
     * alias's target: the same addresses), a target for CNAME.
     */
    public record DnsExpectation(@Hostname @NotBlank String name,
            @NotBlank @Pattern(regexp = "A|AAAA|CNAME|TXT", message = "must be A, AAAA, CNAME or TXT") String type,
            @NotBlank String expected) {}

    public record DnsResolver(@NotBlank String name, @NotBlank String host,
            @Min(value = 1, message = "must be a port from 1 to 65535")
            @Max(value = 65535, message = "must be a port from 1 to 65535") @DefaultValue("53") int port) {}

    public record Aws(
            @NotBlank @Pattern(regexp = "[a-z]{2}(-gov)?-[a-z]+-\\d", message = "must be an AWS region like us-east-1")
            String region) {}

    /**
     * The production database: the instance, and how the app reaches it ({@code url-variable}, a
     * {@code postgres://user:password@host:port/database?url-options} URL in the app's environment),
     * which the password change rewrites.
     */
    public record Rds(
            @NotBlank @Pattern(regexp = "[a-zA-Z][a-zA-Z0-9-]{0,62}",
                    message = "must be an RDS instance identifier: a letter, then letters, digits or hyphens")
            String instanceId,
            @NotBlank @Pattern(regexp = "[a-zA-Z][a-zA-Z0-9_]{0,62}",
                    message = "must be a PostgreSQL user name: a letter, then letters, digits or underscores")
            String masterUsername,
            @NotBlank String databaseName,
            @Min(value = 1, message = "must be a port from 1 to 65535")
            @Max(value = 65535, message = "must be a port from 1 to 65535") @DefaultValue("5432") int port,
            @NotBlank @DefaultValue("DATABASE_URL") String urlVariable,
            @NotNull @DefaultValue("") @Pattern(regexp = "([A-Za-z_]+=[^&\\s]*(&[A-Za-z_]+=[^&\\s]*)*)?",
                    message = "must be URL options like sslmode=require, or empty") String urlOptions) {}

    public record Buckets(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", message = "must be an S3 bucket name")
            String media,
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]", message = "must be an S3 bucket name")
            String oldMedia,
            @Arn String mediaKmsKeyArn) {

        public boolean kmsKeyNamed() {
            return mediaKmsKeyArn != null && !mediaKmsKeyArn.isBlank();
        }
    }

    /**
     * The Heroku app, where it answers today ({@code base-url}: Twilio and Mailgun point there until
     * Day 1), and the names of its config vars that hold its S3 access.
     */
    public record Heroku(
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,29}", message = "must be a Heroku app name") String app,
            @NotNull URI baseUrl,
            @NotBlank @DefaultValue("AWS_ACCESS_KEY_ID") String s3AccessKeyIdVar,
            @NotBlank @DefaultValue("AWS_SECRET_ACCESS_KEY") String s3SecretAccessKeyVar,
            @NotBlank @DefaultValue("AWS_STORAGE_BUCKET_NAME") String s3BucketVar,
            @NotNull @DefaultValue("PT15M") @DurationMin(minutes = 1, message = "must be at least 1 minute")
            Duration trafficWindow,
            @Min(value = 1, message = "must be 1 or more")
            @Max(value = 1500, message = "must be 1500 or fewer (a Heroku log session's most)")
            @DefaultValue("1500") int trafficLogLines) {}

    public record Twilio(@NotBlank @Pattern(regexp = "\\+[1-9]\\d{6,14}",
            message = "must be a phone number in E.164 form like +14155550100") String phoneNumber) {}

    public record Mailgun(@Hostname @NotBlank String domain,
            @NotBlank @Pattern(regexp = "us|eu", message = "must be us or eu (the account's region)")
            @DefaultValue("us") String region) {}

    /**
     * Where the Lambda branch lives: with a repository (owner/name) and CUTOVER_GITHUB_TOKEN the
     * branch check is GitHub's compare; without, a person confirms it.
     */
    public record GitHub(
            @Pattern(regexp = "([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)?", message = "must be owner/name") String repository,
            @NotBlank @DefaultValue("main") String baseBranch,
            @NotBlank @DefaultValue("lambda") String lambdaBranch) {

        public boolean repositoryNamed() {
            return repository != null && !repository.isBlank();
        }
    }

    public record Tower(
            @NotNull URI baseUrl,
            @NotBlank String organization,
            @NotNull @Valid Inventory inventory,
            @NotBlank String awsCredential,
            @NotNull @Valid JobTemplates jobTemplates,
            @NotNull @Valid TemplateSpec runZappaCommand) {

        @AssertTrue(message = "must be an http(s) URL like https://tower.example.org")
        public boolean isBaseUrlHttp() {
            return baseUrl == null || ("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                    && baseUrl.getHost() != null;
        }
    }

    public record JobTemplates(
            @NotNull @Valid JobTemplate createStorage,
            @NotNull @Valid JobTemplate deployZappa,
            @NotNull @Valid JobTemplate closePostgresPorts) {

        /** The template a step names by its key in the plan ({@code createStorage}, …). */
        public JobTemplate byKey(String key) {
            return switch (key) {
                case "createStorage" -> createStorage;
                case "deployZappa" -> deployZappa;
                case "closePostgresPorts" -> closePostgresPorts;
                default -> throw new IllegalArgumentException("cutover.plan.tower.job-templates has no '" + key
                        + "'; known: createStorage, deployZappa, closePostgresPorts");
            };
        }
    }

    /** The AWX inventory the prod playbooks run against, ensured by name. */
    public record Inventory(@NotBlank String name, @NotNull @DefaultValue Map<String, Object> variables) {}

    /** A job template Cutover makes sure exists: which project and playbook it runs. */
    public record TemplateSpec(@NotBlank String name, @NotBlank String project, @NotBlank String playbook) {}

    /** An AWX job template, by its name in AWX, and the extra vars a launch sends. */
    public record JobTemplate(@NotBlank String name, @NotNull Map<String, Object> extraVars) {
        public JobTemplate(String name, Map<String, Object> extraVars) {
            this.name = name;
            this.extraVars = extraVars == null ? Map.of() : Map.copyOf(extraVars);
        }
    }

    public record Pingdom(@NotBlank String checkName, @NotBlank @Pattern(regexp = "/\\S*",
            message = "must be a path starting with /") String healthPath) {}

    /** The Lambda function Zappa deploys ({@code <project>-<stage>}), and where it expects Sentry's DSN. */
    public record Lambda(@NotBlank String functionName, @NotBlank @DefaultValue("SENTRY_DSN") String sentryDsnVariable,
            @Pattern(regexp = "(s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/\\S+)?",
                    message = "must be an S3 URL like s3://bucket/path/remote_env.json, or empty")
            String remoteEnv) {

        /** Whether Zappa's settings name a remote environment file ({@code remote_env}) the app reads at cold start. */
        public boolean remoteEnvNamed() {
            return remoteEnv != null && !remoteEnv.isBlank();
        }

        public String remoteEnvBucket() {
            return remoteEnv.substring("s3://".length(), remoteEnv.indexOf('/', "s3://".length()));
        }

        public String remoteEnvKey() {
            return remoteEnv.substring(remoteEnv.indexOf('/', "s3://".length()) + 1);
        }
    }

    /**
     * IAM users Cutover keeps: the one Tower deploys with, and the interim one that keeps Heroku's S3
     * access while Lambda rolls keys (deleted on Day 2). {@code secret-prefix} names where their
     * keys and replaced values are kept in Secrets Manager.
     */
    public record Iam(@NotNull @Valid IamUser towerUser, @NotNull @Valid IamUser herokuInterimUser,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9/_+=.@-]+", message = "must be a Secrets Manager name prefix")
            String secretPrefix) {}

    public record IamUser(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9+=,.@_-]{1,64}", message = "must be an IAM user name") String name,
            @NotBlank @Arn String policyArn) {}

    /**
     * Before Day 0: the Elastic IP limit to reach, the region the certificates live in (us-east-1
     * for Zappa's edge-optimised API), and the bounded search for the old URL on the new site.
     */
    public record Preparation(
            @Min(value = 1, message = "must be 1 or more") int elasticIps,
            @NotBlank @Pattern(regexp = "[a-z]{2}(-gov)?-[a-z]+-\\d", message = "must be an AWS region like us-east-1")
            String certificateRegion,
            @NotNull URI crawlStart,
            @Min(value = 1, message = "must be 1 or more") @Max(value = 5000, message = "must be 5000 or fewer")
            int crawlMaxPages,
            @NotNull @DurationMin(seconds = 1, message = "must be at least 1 second") Duration crawlMaxDuration,
            @Min(value = 60, message = "must be 60 or more (Namecheap's lowest)") @DefaultValue("60") int oldNameTtl) {}

    /**
     * Day 1, the launch: where the new site answers ({@code new-site-url}, and a temporary URL to
     * test on first when the plan names one), its health path, the UAT checklist, the Heroku
     * Scheduler jobs to switch off by hand (Heroku has no API for them) or the process type that
     * runs them, and how many objects one batch of the bucket sync copies.
     */
    public record Launch(
            @NotNull URI newSiteUrl,
            URI temporarySiteUrl,
            @NotBlank @Pattern(regexp = "/\\S*", message = "must be a path starting with /") @DefaultValue("/health/")
            String healthPath,
            @NotEmpty List<@NotBlank String> uatChecklist,
            @NotNull @DefaultValue List<@Valid ScheduledJob> scheduledJobs,
            String schedulerProcessType,
            @Min(value = 1, message = "must be 1 or more") @Max(value = 1000, message = "must be 1000 or fewer")
            @DefaultValue("1000") int syncBatchSize,
            @NotNull @Valid @DefaultValue Window window,
            OffsetDateTime day2At,
            @NotNull @DefaultValue("PT24H") @DurationMin(minutes = 1, message = "must be at least 1 minute")
            Duration day2After) {

        public boolean temporarySiteNamed() {
            return temporarySiteUrl != null && !temporarySiteUrl.toString().isBlank();
        }
    }

    /**
     * The launch window of the whole run ({@code cutover}): from {@code start} to {@code end}
     * (ISO date-times with an offset). Without them, as in a rehearsal, the window opens when the
     * run starts and lasts {@code length}. {@code warn-before} its end the lead must decide: extend
     * or roll back. A lead's "wait" at a gate asks again after {@code ask-again-after}.
     */
    public record Window(
            OffsetDateTime start,
            OffsetDateTime end,
            @NotNull @DefaultValue("P3D") @DurationMin(minutes = 1, message = "must be at least 1 minute")
            Duration length,
            @NotNull @DefaultValue("PT1H") @DurationMin(minutes = 1, message = "must be at least 1 minute")
            Duration warnBefore,
            @NotNull @DefaultValue("PT30M") @DurationMin(minutes = 1, message = "must be at least 1 minute")
            Duration askAgainAfter) {

        @AssertTrue(message = "start and end go together: name both, or neither (the window then opens when the run starts)")
        public boolean isStartWithEnd() {
            return (start == null) == (end == null);
        }

        @AssertTrue(message = "end must be after start")
        public boolean isEndAfterStart() {
            return start == null || end == null || end.isAfter(start);
        }

        @AssertTrue(message = "warn-before must be shorter than the window")
        public boolean isWarningWithinTheWindow() {
            if (warnBefore == null || length == null) {
                return true;
            }
            Duration window = start != null && end != null ? Duration.between(start, end) : length;
            return warnBefore.compareTo(window) < 0;
        }
    }

    /** How Day 2 repoints the app at the new database password. */
    public enum Repoint {
        /** Lambda's configuration directly (seconds), and Zappa's remote env so the next deploy keeps it. */
        LAMBDA,
        /** The Deploy Zappa job in AWX, given the secret's ARN (minutes of downtime). */
        AWX_DEPLOY
    }

    /**
     * Day 2, "change database user password (requires temporary downtime &lt;1min)": how the app is
     * repointed, the downtime allowed, and the bounded probe that measures it (the site's health
     * every {@code probe-interval}, from the change until it answers, for at most the limit plus the
     * margin). The probe runs inside one job: the limit plus the margin stays well under the job lock.
     * {@code available-within} bounds the wait for RDS to be available again before the lead is asked.
     * These are durations of the real outage: a rehearsal does not scale them.
     */
    public record PasswordRotation(
            @NotNull @DefaultValue("LAMBDA") Repoint repoint,
            @NotNull @DefaultValue("PT60S") @DurationMin(seconds = 1, message = "must be at least 1 second")
            Duration downtimeLimit,
            @NotNull @DefaultValue("PT30S") @DurationMin(seconds = 0, message = "must not be negative")
            Duration probeMargin,
            @NotNull @DefaultValue("PT1S") @DurationMin(millis = 10, message = "must be at least 10 ms")
            Duration probeInterval,
            @NotBlank @DefaultValue("db_password_secret_arn") String secretArnExtraVar,
            @Min(value = 8, message = "must be 8 or more (RDS's least)") @Max(value = 128,
                    message = "must be 128 or fewer (RDS's most)") @DefaultValue("32") int passwordLength,
            @NotNull @DefaultValue("PT15M") @DurationMin(minutes = 1, message = "must be at least 1 minute")
            Duration availableWithin) {

        @AssertTrue(message = "downtime-limit plus probe-margin must stay under 4 minutes: the probe runs inside one job, locked for 5")
        public boolean isProbeWithinTheJobLock() {
            return downtimeLimit == null || probeMargin == null
                    || downtimeLimit.plus(probeMargin).compareTo(Duration.ofMinutes(4)) < 0;
        }

        /** How long the probe may go on: the limit plus the margin. */
        public Duration probeBound() {
            return downtimeLimit.plus(probeMargin);
        }
    }

    /** A Heroku Scheduler job as the team sees it in the dashboard. */
    public record ScheduledJob(@NotBlank String command, @NotBlank String frequency) {}

    /**
     * How long things take on the day. Rehearsal divides them by its time scale; retries and the
     * job executor keep their own settings.
     */
    public record Timings(
            @NotNull @DurationMin(seconds = 1, message = "must be at least 1 second") Duration pollInterval,
            @NotNull @DurationMin(seconds = 1, message = "must be at least 1 second") Duration retryInterval,
            @Min(value = 0, message = "must be 0 or more") @Max(value = 20, message = "must be 20 or fewer")
            @DefaultValue("5") int retries,
            @NotNull @DurationMin(minutes = 1, message = "must be at least 1 minute") Duration siteLiveSla,
            @NotNull @DefaultValue("PT10M") @DurationMin(seconds = 1, message = "must be at least 1 second")
            Duration slowPollInterval,
            @NotNull @DefaultValue("PT2H") @DurationMin(minutes = 1, message = "must be at least 1 minute")
            Duration dnsPropagationDeadline) {

        @AssertTrue(message = "poll-interval must be shorter than site-live-sla, or the SLA can never be watched")
        public boolean isPollShorterThanSla() {
            return pollInterval == null || siteLiveSla == null || pollInterval.compareTo(siteLiveSla) < 0;
        }

        /** The same timings divided by {@code factor}, none shorter than a second (rehearsal). */
        public Timings scaledDown(int factor) {
            return scaledDown(factor, Duration.ofSeconds(1));
        }

        /** Each timing divided by {@code factor}, none shorter than {@code shortest}. */
        public Timings scaledDown(int factor, Duration shortest) {
            return new Timings(scale(pollInterval, factor, shortest), scale(retryInterval, factor, shortest), retries,
                    scale(siteLiveSla, factor, shortest), scale(slowPollInterval, factor, shortest),
                    scale(dnsPropagationDeadline, factor, shortest));
        }

        private static Duration scale(Duration duration, int factor, Duration shortest) {
            Duration scaled = duration.dividedBy(factor);
            return scaled.compareTo(shortest) < 0 ? shortest : scaled;
        }
    }
}
