package dev.cutover.tower;

import dev.cutover.aws.iam.AccessKey;
import dev.cutover.aws.lambda.SimulatedLambda;
import dev.cutover.aws.secrets.SecretStorePort;
import dev.cutover.aws.rds.SimulatedRds;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalKeys;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import dev.cutover.web.SimulatedHosting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of AWX. A job is {@code pending}, then {@code running}, then {@code successful};
 * the fault {@code tower.job.fails} makes the next launched job end {@code failed} with a fatal
 * task in its output, {@code tower.outage} fails the next call as a 503 would, and
 * {@code tower.launch.answer-lost} starts the next launched job but loses AWX's answer, as a timeout
 * or a crash of the caller would (the job is found again by its launch marker);
 * {@code tower.launch.crash-after} halts this JVM right there, where a crash test allows it;
 * {@code tower.template.no-prompt} makes the next look at a template's launch prompts find
 * "Prompt on launch" off for Variables. As the runbook finds
 * it, AWX has the plan's organization and project, a staging inventory the existing job templates
 * run against, and the plan's AWS credential holding the tower user's first key
 * ({@value #INITIAL_TOWER_KEY_ID}); the prod inventory and the "run zappa command" template are
 * not there yet. A credential keeps its key id and only the fact that a secret is set. A Zappa
 * deploy that will succeed tells {@link SimulatedHosting} when www starts answering from Lambda;
 * "close postgres ports" tells {@link SimulatedRds} when the database's port closes, and
 * "create storage" when it opens again (the runbook's rollback).
 */
@Component
@Profile("rehearsal")
class SimulatedTower implements TowerPort, WorldPart {

    static final String SYSTEM = "tower";
    static final String INITIAL_TOWER_KEY_ID = RehearsalKeys.TOWER_USER_KEY_ID;
    static final String AWS_TYPE = "Amazon Web Services";
    static final String SCM_TYPE = "Source Control";
    static final String DEFAULT_ORGANIZATION = "Default";
    static final String CLOSE_POSTGRES_PORTS = "close_postgres_ports.yml";
    private static final int CRASH_EXIT_CODE = 137;
    private static final Logger log = LoggerFactory.getLogger(SimulatedTower.class);

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final RehearsalSettings settings;
    private final MigrationPlan plan;
    private final SimulatedHosting hosting;
    private final SimulatedRds rds;
    private final SimulatedLambda lambda;
    private final SecretStorePort secrets;

    SimulatedTower(WorldStore world, Faults faults, Clock clock, RehearsalSettings settings, MigrationPlan plan,
            SimulatedHosting hosting, SimulatedRds rds, SimulatedLambda lambda, SecretStorePort secrets) {
        this.lambda = lambda;
        this.secrets = secrets;
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.settings = settings;
        this.plan = plan;
        this.hosting = hosting;
        this.rds = rds;
    }

    @Override
    public TowerJob launchJob(String templateName, Map<String, Object> extraVars) {
        outage();
        boolean fails = faults.trip("tower.job.fails");
        Instant now = clock.instant();
        TowerJob launched = world.change(SYSTEM, State.class, this::initial, state -> {
            if (!state.jobTemplates.containsKey(templateName)) {
                throw new IllegalStateException("AWX has no job template named '" + templateName + "'");
            }
            JobState job = new JobState();
            job.id = state.nextJobId++;
            job.template = templateName;
            job.playbook = state.jobTemplates.get(templateName).playbook;
            job.launchedAt = now;
            job.fails = fails;
            job.extraVars = new LinkedHashMap<>(extraVars);
            state.jobs.put(String.valueOf(job.id), job);
            return job.as(now, settings);
        });
        if (!fails) {
            startsItsWork(templateName, extraVars, launched, now);
        }
        if (faults.trip(Faults.CRASH_AFTER_LAUNCH)) {
            // the world keeps the job: a power cut here leaves AWX running it and the step without its id
            log.error("Rehearsal fault {}: AWX started job {}; halting this JVM before the step records it",
                    Faults.CRASH_AFTER_LAUNCH, launched.id());
            Runtime.getRuntime().halt(CRASH_EXIT_CODE);
        }
        if (faults.trip("tower.launch.answer-lost")) {
            throw TowerUnavailableException.launchUnanswered("Launching AWX job template '" + templateName
                    + "': AWX did not answer: Read timed out (fault injected by the rehearsal:"
                    + " tower.launch.answer-lost)", extraVars, null);
        }
        return launched;
    }

    private void startsItsWork(String templateName, Map<String, Object> extraVars, TowerJob launched, Instant now) {
        MigrationPlan.JobTemplates templates = plan.tower().jobTemplates();
        Instant succeedsAt = now.plus(settings.jobQueuedFor()).plus(settings.jobRunsFor());
        if (templateName.equals(templates.deployZappa().name())) {
            hosting.zappaDeployLaunched(succeedsAt);
            Object passwordSecret = extraVars.get(plan.passwordRotation().secretArnExtraVar());
            if (passwordSecret != null) {
                // the playbook reads the new database password from Secrets Manager and deploys with it
                lambda.deployedWithDatabasePassword(secrets.read(passwordSecret.toString()), succeedsAt);
            }
        } else if (templateName.equals(templates.closePostgresPorts().name())) {
            if (!rds.closePostgresPortsAt(succeedsAt)) {
                world.change(SYSTEM, State.class, this::initial, state -> existing(state, launched.id()).noChange = true);
            }
        } else if (templateName.equals(templates.createStorage().name())) {
            rds.openPostgresPortsAt(succeedsAt);
        }
    }

    @Override
    public List<String> launchProblems(String templateName, Set<String> extraVarNames) {
        outage();
        boolean promptOff = faults.trip("tower.template.no-prompt");
        TemplateState template = world.read(SYSTEM, State.class, this::initial).jobTemplates.get(templateName);
        if (template == null) {
            return List.of("Finding AWX job template '" + templateName + "': AWX has no job template of that name"
                    + " that the token's user can see");
        }
        if (!extraVarNames.isEmpty() && (promptOff || !template.askVariablesOnLaunch)) {
            return List.of("AWX job template '" + templateName + "' (id " + template.id + "): AWX would ignore the"
                    + " extra vars " + String.join(", ", extraVarNames) + ". Enable \"Prompt on launch\" for Variables"
                    + " on that template." + (promptOff ? " (fault injected by the rehearsal: tower.template.no-prompt)"
                    : ""));
        }
        return List.of();
    }

    @Override
    public Optional<TowerJob> jobLaunchedWith(String templateName, String marker, Instant since) {
        outage();
        Instant now = clock.instant();
        return world.read(SYSTEM, State.class, this::initial).jobs.values().stream()
                .filter(job -> job.template.equals(templateName) && !job.launchedAt.isBefore(since.minus(TowerAdapter.CLOCK_SKEW)))
                .filter(job -> marker.equals(String.valueOf(job.extraVars.get(LAUNCH_MARKER))))
                .findFirst()
                .map(job -> job.as(now, settings));
    }

    @Override
    public TowerJob job(long jobId) {
        outage();
        return existing(world.read(SYSTEM, State.class, this::initial), jobId).as(clock.instant(), settings);
    }

    @Override
    public String jobOutputTail(long jobId, int lines) {
        outage();
        JobState job = existing(world.read(SYSTEM, State.class, this::initial), jobId);
        List<String> output = job.output(job.as(clock.instant(), settings));
        return String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size()));
    }

    @Override
    public Ensured<Long> ensureInventory(String name, String organization, Map<String, Object> variables) {
        outage();
        Map<String, Object> wanted = variables == null ? Map.of() : new LinkedHashMap<>(variables);
        return world.change(SYSTEM, State.class, this::initial, state -> {
            if (!state.organizations.contains(organization)) {
                throw new StepFailedException("Ensuring AWX inventory '" + name + "': AWX has no organization named '"
                        + organization + "' that the token's user can see");
            }
            InventoryState existing = state.inventories.get(name);
            if (existing != null && existing.organization.equals(organization)) {
                if (existing.variables.equals(wanted)) {
                    return Ensured.alreadyDone(existing.id);
                }
                existing.variables = wanted;
                return Ensured.changed(existing.id);
            }
            if (existing != null) {
                throw new StepFailedException("Ensuring AWX inventory '" + name + "': the rehearsal's AWX has one of"
                        + " that name in organization '" + existing.organization + "' already");
            }
            InventoryState created = new InventoryState(state.nextInventoryId++, organization, wanted);
            state.inventories.put(name, created);
            return Ensured.changed(created.id);
        });
    }

    @Override
    public Ensured<Long> ensureJobTemplate(String name, String project, String playbook, String inventory) {
        outage();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            String doing = "Ensuring AWX job template '" + name + "'";
            List<String> playbooks = state.projects.get(project);
            if (playbooks == null) {
                throw new StepFailedException(doing + ": AWX has no project named '" + project
                        + "' that the token's user can see");
            }
            if (!state.inventories.containsKey(inventory)) {
                throw new StepFailedException(doing + ": AWX has no inventory named '" + inventory
                        + "' that the token's user can see");
            }
            if (!playbooks.contains(playbook)) {
                throw new StepFailedException(doing + ": AWX refused (400 Bad Request): {\"playbook\":"
                        + " [\"Playbook not found for project.\"]}; project '" + project + "' has " + playbooks);
            }
            TemplateState wanted = new TemplateState(0, project, playbook, inventory, true);
            TemplateState existing = state.jobTemplates.get(name);
            if (existing == null) {
                wanted.id = state.nextTemplateId++;
                state.jobTemplates.put(name, wanted);
                return Ensured.changed(wanted.id);
            }
            wanted.id = existing.id;
            if (existing.sameAs(wanted)) {
                return Ensured.alreadyDone(existing.id);
            }
            state.jobTemplates.put(name, wanted);
            return Ensured.changed(existing.id);
        });
    }

    @Override
    public void updateAwsCredential(String credentialName, AccessKey key) {
        outage();
        Instant now = clock.instant();
        world.change(SYSTEM, State.class, this::initial, state -> {
            CredentialState credential = awsCredential(state, "Putting access key " + key.accessKeyId()
                    + " into AWX credential '" + credentialName + "'", credentialName);
            credential.accessKeyId = key.accessKeyId();
            credential.secretSet = key.secretAccessKey() != null && !key.secretAccessKey().isBlank();
            credential.updatedAt = now;
            return null;
        });
    }

    @Override
    public String awsCredentialKeyId(String credentialName) {
        outage();
        State state = world.read(SYSTEM, State.class, this::initial);
        return awsCredential(state, "Reading the access key id of AWX credential '" + credentialName + "'",
                credentialName).accessKeyId;
    }

    private static CredentialState awsCredential(State state, String doing, String name) {
        CredentialState credential = state.credentials.get(name);
        if (credential == null) {
            throw new StepFailedException(doing + ": AWX has no credential named '" + name
                    + "' that the token's user can see");
        }
        if (!AWS_TYPE.equals(credential.type)) {
            throw new StepFailedException(doing + ": AWX credential '" + name + "' is of type '" + credential.type
                    + "', not \"" + AWS_TYPE + "\": the plan's tower.aws-credential must name an AWS credential");
        }
        return credential;
    }

    private void outage() {
        faults.outage("tower.outage", "AWX answered 503 Service Unavailable");
    }

    private static JobState existing(State state, long jobId) {
        JobState job = state.jobs.get(String.valueOf(jobId));
        if (job == null) {
            throw new IllegalStateException("AWX has no job " + jobId);
        }
        return job;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Instant now = clock.instant();
        Map<String, Object> jobs = new LinkedHashMap<>();
        state.jobs.forEach((id, job) -> jobs.put(id, Map.of(
                "template", job.template,
                "status", job.as(now, settings).status(),
                "launchedAt", job.launchedAt.toString(),
                "extraVars", job.extraVars)));
        Map<String, Object> inventories = new LinkedHashMap<>();
        state.inventories.forEach((name, inventory) -> inventories.put(name, Map.of(
                "id", inventory.id,
                "organization", inventory.organization,
                "variables", inventory.variables)));
        Map<String, Object> templates = new LinkedHashMap<>();
        state.jobTemplates.forEach((name, template) -> templates.put(name, Map.of(
                "id", template.id,
                "project", template.project,
                "playbook", template.playbook,
                "inventory", template.inventory,
                "askVariablesOnLaunch", template.askVariablesOnLaunch)));
        Map<String, Object> credentials = new LinkedHashMap<>();
        state.credentials.forEach((name, credential) -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("type", credential.type);
            shown.put("accessKeyId", credential.accessKeyId);
            shown.put("secretSet", credential.secretSet);
            shown.put("updatedAt", credential.updatedAt == null ? null : credential.updatedAt.toString());
            credentials.put(name, shown);
        });
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("organizations", state.organizations);
        view.put("projects", state.projects);
        view.put("inventories", inventories);
        view.put("jobTemplates", templates);
        view.put("credentials", credentials);
        view.put("jobs", jobs);
        return view;
    }

    private State initial() {
        MigrationPlan.Tower tower = plan.tower();
        MigrationPlan.JobTemplates templates = tower.jobTemplates();
        String project = tower.runZappaCommand().project();
        String staging = plan.name() + " staging";
        State state = new State();
        state.organizations.add(DEFAULT_ORGANIZATION);
        state.organizations.add(tower.organization());
        state.projects.put(project, new ArrayList<>(List.of("create_storage.yml", "deploy_zappa.yml",
                CLOSE_POSTGRES_PORTS, tower.runZappaCommand().playbook())));
        state.inventories.put(staging, new InventoryState(state.nextInventoryId++, tower.organization(),
                new LinkedHashMap<>(Map.of("stage", "staging"))));
        addTemplate(state, templates.createStorage().name(), project, "create_storage.yml", staging);
        addTemplate(state, templates.deployZappa().name(), project, "deploy_zappa.yml", staging);
        addTemplate(state, templates.closePostgresPorts().name(), project, CLOSE_POSTGRES_PORTS, staging);
        state.credentials.put(plan.name() + " GitHub", new CredentialState(SCM_TYPE, null));
        state.credentials.put(tower.awsCredential(), new CredentialState(AWS_TYPE, INITIAL_TOWER_KEY_ID));
        return state;
    }

    private static void addTemplate(State state, String name, String project, String playbook, String inventory) {
        state.jobTemplates.put(name, new TemplateState(state.nextTemplateId++, project, playbook, inventory, true));
    }

    static class State {
        List<String> organizations = new ArrayList<>();
        Map<String, List<String>> projects = new LinkedHashMap<>();
        Map<String, InventoryState> inventories = new LinkedHashMap<>();
        Map<String, TemplateState> jobTemplates = new LinkedHashMap<>();
        Map<String, CredentialState> credentials = new LinkedHashMap<>();
        Map<String, JobState> jobs = new LinkedHashMap<>();
        long nextInventoryId = 2;
        long nextTemplateId = 7;
        long nextJobId = 101;
    }

    static class InventoryState {
        long id;
        String organization;
        Map<String, Object> variables = new LinkedHashMap<>();

        InventoryState() {
        }

        InventoryState(long id, String organization, Map<String, Object> variables) {
            this.id = id;
            this.organization = organization;
            this.variables = variables;
        }
    }

    static class TemplateState {
        long id;
        String project;
        String playbook;
        String inventory;
        boolean askVariablesOnLaunch;

        TemplateState() {
        }

        TemplateState(long id, String project, String playbook, String inventory, boolean askVariablesOnLaunch) {
            this.id = id;
            this.project = project;
            this.playbook = playbook;
            this.inventory = inventory;
            this.askVariablesOnLaunch = askVariablesOnLaunch;
        }

        boolean sameAs(TemplateState other) {
            return project.equals(other.project) && playbook.equals(other.playbook)
                    && inventory.equals(other.inventory) && askVariablesOnLaunch == other.askVariablesOnLaunch;
        }
    }

    /** Never the secret: AWX does not give it back, and the world view must not show it. */
    static class CredentialState {
        String type;
        String accessKeyId;
        boolean secretSet;
        Instant updatedAt;

        CredentialState() {
        }

        CredentialState(String type, String accessKeyId) {
            this.type = type;
            this.accessKeyId = accessKeyId;
            this.secretSet = accessKeyId != null;
        }
    }

    static class JobState {
        long id;
        String template;
        String playbook;
        Instant launchedAt;
        boolean fails;
        // the playbook finds everything as it wants it (its tasks "ok", none "changed")
        boolean noChange;
        Map<String, Object> extraVars = new LinkedHashMap<>();

        TowerJob as(Instant now, RehearsalSettings settings) {
            Duration elapsed = Duration.between(launchedAt, now);
            String status;
            if (elapsed.compareTo(settings.jobQueuedFor()) < 0) {
                status = "pending";
            } else if (elapsed.compareTo(settings.jobQueuedFor().plus(settings.jobRunsFor())) < 0) {
                status = "running";
            } else {
                status = fails ? "failed" : "successful";
            }
            return new TowerJob(id, template, status, fails && "failed".equals(status)
                    ? "Job failed: a task failed on localhost" : "");
        }

        List<String> output(TowerJob now) {
            if (CLOSE_POSTGRES_PORTS.equals(playbook)) {
                return closePostgresPortsOutput(now);
            }
            List<String> lines = new ArrayList<>(List.of(
                    "PLAY [" + template + "] *********************************************************",
                    "TASK [Gathering Facts] *********************************************************",
                    "ok: [localhost]",
                    "TASK [storage : ensure database parameters] ************************************",
                    "ok: [localhost]"));
            if (!now.finished()) {
                return lines;
            }
            if (fails) {
                lines.add("TASK [storage : ensure bucket policy] ******************************************");
                lines.add("fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"AccessDenied: "
                        + "not authorized to perform s3:PutBucketPolicy (fault injected by the rehearsal)\"}");
                lines.add("PLAY RECAP *********************************************************************");
                lines.add("localhost : ok=2 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0");
            } else {
                lines.add("TASK [storage : ensure bucket policy] ******************************************");
                lines.add("changed: [localhost]");
                lines.add("PLAY RECAP *********************************************************************");
                lines.add("localhost : ok=3 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0");
            }
            return lines;
        }

        private List<String> closePostgresPortsOutput(TowerJob now) {
            List<String> lines = new ArrayList<>(List.of(
                    banner("PLAY [" + template + "]"),
                    banner("TASK [Gathering Facts]"),
                    "ok: [localhost]",
                    banner("TASK [network : find the database's security group]"),
                    "ok: [localhost]"));
            if (!now.finished()) {
                return lines;
            }
            lines.add(banner("TASK [network : allow 5432 from the Lambda security group]"));
            lines.add("ok: [localhost]");
            lines.add(banner("TASK [network : revoke 5432 from 0.0.0.0/0]"));
            if (fails) {
                lines.add("fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"UnauthorizedOperation: You are"
                        + " not authorized to perform this operation. (ec2:RevokeSecurityGroupIngress; fault injected"
                        + " by the rehearsal)\"}");
                lines.add(banner("PLAY RECAP"));
                lines.add("localhost : ok=3 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0");
            } else {
                lines.add(noChange ? "ok: [localhost]" : "changed: [localhost]");
                lines.add(banner("PLAY RECAP"));
                lines.add("localhost : ok=4 changed=" + (noChange ? 0 : 1)
                        + " unreachable=0 failed=0 skipped=0 rescued=0 ignored=0");
            }
            return lines;
        }

        /** A heading as ansible-playbook prints it: padded with stars to 80 columns. */
        private static String banner(String heading) {
            return heading + " " + "*".repeat(Math.max(3, 79 - heading.length()));
        }
    }
}
