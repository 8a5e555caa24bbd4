package dev.cutover.aws.quotas;

import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of Service Quotas: the EC2-VPC Elastic IPs quota at its default of 5. An
 * increase request is {@code PENDING}, {@code CASE_OPENED} after {@link #CASE_OPENS_AFTER}, and
 * {@code APPROVED} after {@link #DECIDED_AFTER}, when the quota takes the desired value. The fault
 * {@code quotas.denied} makes the next request end {@code DENIED}; {@code quotas.outage} fails the
 * next call as a throttled API would.
 */
@Component
@Profile("rehearsal")
class SimulatedServiceQuotas implements ServiceQuotasPort, WorldPart {

    static final String SYSTEM = "quotas";
    static final Duration CASE_OPENS_AFTER = Duration.ofSeconds(2);
    static final Duration DECIDED_AFTER = Duration.ofSeconds(6);

    private static final Set<String> OPEN = Set.of("PENDING", "CASE_OPENED");

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;

    SimulatedServiceQuotas(WorldStore world, Faults faults, Clock clock) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public Ensured<QuotaRequest> ensureQuotaAtLeast(String serviceCode, String quotaCode, double desired) {
        outage();
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            double current = state.currentValue(serviceCode, quotaCode, now, faults.pace());
            if (current >= desired) {
                return Ensured.alreadyDone(new QuotaRequest(null, serviceCode, quotaCode, desired, current, "APPROVED"));
            }
            Optional<RequestState> open = state.requests.values().stream()
                    .filter(r -> r.serviceCode.equals(serviceCode) && r.quotaCode.equals(quotaCode))
                    .filter(r -> OPEN.contains(r.status(now, faults.pace())))
                    .max(Comparator.comparingDouble(r -> r.desiredValue));
            if (open.isPresent() && open.get().desiredValue >= desired) {
                return Ensured.alreadyDone(open.get().as(now, faults.pace(), current));
            }
            if (open.isPresent()) {
                RequestState lower = open.get();
                throw new StepFailedException("An increase of " + serviceCode + "/" + quotaCode + " to "
                        + lower.desiredValue + " is already open (request " + lower.id + ", "
                        + lower.status(now, faults.pace())
                        + "): Service Quotas takes no second request while it is, so " + desired
                        + " cannot be asked for until it closes");
            }
            RequestState request = new RequestState(UUID.randomUUID().toString().replace("-", ""), serviceCode,
                    quotaCode, desired, now, faults.trip("quotas.denied"));
            state.requests.put(request.id, request);
            return Ensured.changed(request.as(now, faults.pace(), current));
        });
    }

    @Override
    public QuotaRequest quotaRequest(String requestId) {
        outage();
        Instant now = clock.instant();
        State state = world.read(SYSTEM, State.class, this::initial);
        RequestState request = state.requests.get(requestId);
        if (request == null) {
            throw new StepFailedException("Service Quotas has no quota increase request '" + requestId + "'");
        }
        double pace = faults.pace();
        return request.as(now, pace, state.currentValue(request.serviceCode, request.quotaCode, now, pace));
    }

    private void outage() {
        faults.outage("quotas.outage",
                "Rate exceeded (Service: ServiceQuotas, Status Code: 400, Error Code: TooManyRequestsException)");
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Instant now = clock.instant();
        Map<String, Object> quotas = new LinkedHashMap<>();
        state.quotas.forEach((key, quota) -> quotas.put(key, Map.of(
                "name", quota.name,
                "value", state.currentValue(quota.serviceCode, quota.quotaCode, now, faults.pace()))));
        Map<String, Object> requests = new LinkedHashMap<>();
        state.requests.forEach((id, request) -> requests.put(id, Map.of(
                "quota", request.serviceCode + "/" + request.quotaCode,
                "desiredValue", request.desiredValue,
                "status", request.status(now, faults.pace()),
                "requestedAt", request.requestedAt.toString())));
        return Map.of("quotas", quotas, "requests", requests);
    }

    private State initial() {
        State state = new State();
        QuotaState elasticIps = new QuotaState();
        elasticIps.serviceCode = EC2;
        elasticIps.quotaCode = ELASTIC_IPS;
        elasticIps.name = "EC2-VPC Elastic IPs";
        elasticIps.value = 5;
        state.quotas.put(EC2 + "/" + ELASTIC_IPS, elasticIps);
        return state;
    }

    static class State {
        Map<String, QuotaState> quotas = new LinkedHashMap<>();
        Map<String, RequestState> requests = new LinkedHashMap<>();

        /** The applied value: the default, or the highest increase approved by now. */
        double currentValue(String serviceCode, String quotaCode, Instant now, double pace) {
            QuotaState quota = quotas.get(serviceCode + "/" + quotaCode);
            if (quota == null) {
                throw new StepFailedException("Service Quotas knows no quota " + serviceCode + "/" + quotaCode
                        + ": The request failed because the specified service or quota does not exist.");
            }
            return requests.values().stream()
                    .filter(r -> r.serviceCode.equals(serviceCode) && r.quotaCode.equals(quotaCode))
                    .filter(r -> "APPROVED".equals(r.status(now, pace)))
                    .mapToDouble(r -> r.desiredValue)
                    .reduce(quota.value, Math::max);
        }
    }

    static class QuotaState {
        String serviceCode;
        String quotaCode;
        String name;
        double value;
    }

    static class RequestState {
        String id;
        String serviceCode;
        String quotaCode;
        double desiredValue;
        Instant requestedAt;
        boolean denied;

        RequestState() {
        }

        RequestState(String id, String serviceCode, String quotaCode, double desiredValue, Instant requestedAt,
                boolean denied) {
            this.id = id;
            this.serviceCode = serviceCode;
            this.quotaCode = quotaCode;
            this.desiredValue = desiredValue;
            this.requestedAt = requestedAt;
            this.denied = denied;
        }

        /** The status {@code now}, the world's waits scaled by {@code pace} (1 as usual, 0 at once). */
        String status(Instant now, double pace) {
            Duration elapsed = Duration.between(requestedAt, now);
            if (elapsed.compareTo(scaled(CASE_OPENS_AFTER, pace)) < 0) {
                return "PENDING";
            }
            if (elapsed.compareTo(scaled(DECIDED_AFTER, pace)) < 0) {
                return "CASE_OPENED";
            }
            return denied ? "DENIED" : "APPROVED";
        }

        QuotaRequest as(Instant now, double pace, double currentValue) {
            return new QuotaRequest(id, serviceCode, quotaCode, desiredValue, currentValue, status(now, pace));
        }
    }

    private static Duration scaled(Duration usual, double pace) {
        return pace == 1 ? usual : Duration.ofNanos(Math.round(usual.toNanos() * pace));
    }
}
