package dev.cutover.access;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Makes the engine's users, groups, grants and Tasklist filters what {@code cutover.access.*}
 * says, at every start: the admin (in {@code camunda-admin} and the cutover groups), the groups
 * operators, leads and auditors work in, their grants, the people configured in them
 * ({@code cutover.access.users}, passwords from the environment), and one Tasklist filter per group
 * whose members work tasks.
 */
@Component
class OperatorAccess implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccess.class);
    private static final List<Permission[]> PERMISSION_SETS = List.of(
            Permissions.values(), ProcessDefinitionPermissions.values(), ProcessInstancePermissions.values(),
            TaskPermissions.values(), HistoricProcessInstancePermissions.values(), HistoricTaskPermissions.values());

    private final ProcessEngine engine;
    private final AccessSettings settings;
    private final Environment environment;

    OperatorAccess(ProcessEngine engine, AccessSettings settings, Environment environment) {
        this.engine = engine;
        this.settings = settings;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        IdentityService identity = engine.getIdentityService();
        ensureGroup(identity, Groups.CAMUNDA_ADMIN, "Camunda administrators", Groups.GROUP_TYPE_SYSTEM);
        settings.groups().forEach((id, name) -> ensureGroup(identity, id, name, Groups.GROUP_TYPE_WORKFLOW));
        ensureAdmin(identity);
        settings.users().forEach(person -> ensurePerson(identity, person));
        for (Resources resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, "*", List.of(Permissions.ALL));
        }
        for (AccessSettings.Grant grant : settings.grants()) {
            Resources resource = resource(grant.resource());
            grant(grant.group(), resource, grant.resourceId(),
                    grant.permissions().stream().map(name -> permission(resource, name)).toList());
        }
        // a Tasklist filter for the groups that work tasks (auditors only read)
        settings.groups().forEach((group, name) -> {
            if (settings.grants().stream().anyMatch(grant -> grant.group().equals(group)
                    && "application".equalsIgnoreCase(grant.resource()) && "tasklist".equals(grant.resourceId()))) {
                ensureFilter(group, name);
            }
        });
    }

    private void ensureGroup(IdentityService identity, String id, String name, String type) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType(type);
            identity.saveGroup(group);
            log.info("created group {}", id);
        }
    }

    private void ensureAdmin(IdentityService identity) {
        String id = settings.adminUser();
        User admin = identity.createUserQuery().userId(id).singleResult();
        Optional<String> password = AdminPassword.given(settings);
        if (password.isEmpty() && environment.acceptsProfiles(Profiles.of("rehearsal"))) {
            password = Optional.of(AdminPassword.keptIn(settings.adminPasswordFile()));
        }
        if (admin == null && password.isEmpty()) {
            throw new IllegalStateException("Set CUTOVER_ADMIN_PASSWORD: a live run creates its '" + id
                    + "' user with it on the first start");
        }
        if (admin == null) {
            admin = identity.newUser(id);
            admin.setFirstName("Cutover");
            admin.setLastName("Admin");
        }
        if (password.isPresent()) {
            admin.setPassword(password.get());
            identity.saveUser(admin);
        }
        List<String> groups = new ArrayList<>(settings.groups().keySet());
        groups.add(Groups.CAMUNDA_ADMIN);
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }

    /**
     * A configured person, with the password from their environment variable: created (or their
     * password reset) and put in exactly their configured cutover groups. Without the variable
     * nobody is created, and the log says which variable is missing (never a password).
     */
    private void ensurePerson(IdentityService identity, AccessSettings.Person person) {
        String password = environment.getProperty(person.passwordVariable(), "");
        User user = identity.createUserQuery().userId(person.id()).singleResult();
        if (password.isBlank()) {
            log.warn("user '{}' ({}) {}: set {} to {}", person.id(), person.name(),
                    user == null ? "is not created" : "keeps the password it has", person.passwordVariable(),
                    user == null ? "create it" : "change it");
            if (user == null) {
                return;
            }
        } else {
            if (user == null) {
                user = identity.newUser(person.id());
                log.info("created user '{}' ({}) in {}", person.id(), person.name(), person.groups());
            }
            int space = person.name().lastIndexOf(' ');
            user.setFirstName(space < 0 ? person.name() : person.name().substring(0, space));
            user.setLastName(space < 0 ? "" : person.name().substring(space + 1));
            user.setPassword(password);
            identity.saveUser(user);
        }
        for (String group : person.groups()) {
            if (!settings.groups().containsKey(group)) {
                throw new IllegalArgumentException("cutover.access.users: '" + person.id() + "' is in group '" + group
                        + "', which cutover.access.groups does not name; one of " + settings.groups().keySet());
            }
            if (identity.createUserQuery().userId(person.id()).memberOfGroup(group).count() == 0) {
                identity.createMembership(person.id(), group);
            }
        }
        // the configuration is who is in which cutover group: a group taken away is left
        for (String group : settings.groups().keySet()) {
            if (!person.groups().contains(group)
                    && identity.createUserQuery().userId(person.id()).memberOfGroup(group).count() > 0) {
                identity.deleteMembership(person.id(), group);
                log.info("user '{}' is no longer in {}", person.id(), group);
            }
        }
    }

    private void grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization grant = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(group).resourceType(resource).resourceId(resourceId)
                .singleResult();
        if (grant == null) {
            grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            grant.setGroupId(group);
            grant.setResource(resource);
            grant.setResourceId(resourceId);
        }
        boolean missing = false;
        for (Permission permission : permissions) {
            if (!grant.isPermissionGranted(permission)) {
                grant.addPermission(permission);
                missing = true;
            }
        }
        if (missing) {
            authorizations.saveAuthorization(grant);
        }
    }

    private void ensureFilter(String group, String name) {
        FilterService filters = engine.getFilterService();
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        TaskService tasks = engine.getTaskService();
        TaskQuery query = tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks();
        filters.saveFilter(filters.newTaskFilter(name).setQuery(query)
                .setProperties(Map.of("description", "Tasks for " + name.toLowerCase(), "refresh", true,
                        "priority", group.endsWith("leads") ? -10 : 0)));
    }

    private static Resources resource(String name) {
        try {
            return Resources.valueOf(name.trim().toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cutover.access.grants: no resource '" + name + "'; one of "
                    + Arrays.toString(Resources.values()), e);
        }
    }

    private static Permission permission(Resource resource, String name) {
        String wanted = name.trim().toUpperCase().replace('-', '_');
        return PERMISSION_SETS.stream()
                .flatMap(Arrays::stream)
                .filter(permission -> permission.getName().equals(wanted))
                .filter(permission -> Arrays.stream(permission.getTypes())
                        .anyMatch(type -> type.resourceType() == resource.resourceType()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cutover.access.grants: permission '" + name
                        + "' does not apply to " + resource.resourceName()));
    }
}
