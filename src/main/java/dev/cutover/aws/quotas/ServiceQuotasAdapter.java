package dev.cutover.aws.quotas;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.NoSuchResourceException;
import software.amazon.awssdk.services.servicequotas.model.QuotaExceededException;
import software.amazon.awssdk.services.servicequotas.model.RequestStatus;
import software.amazon.awssdk.services.servicequotas.model.RequestedServiceQuotaChange;
import software.amazon.awssdk.services.servicequotas.model.ResourceAlreadyExistsException;

/** {@link ServiceQuotasPort} on the AWS SDK's {@link ServiceQuotasClient}. */
class ServiceQuotasAdapter implements ServiceQuotasPort {

    private static final Set<RequestStatus> OPEN = Set.of(RequestStatus.PENDING, RequestStatus.CASE_OPENED);

    private final ServiceQuotasClient quotas;

    ServiceQuotasAdapter(ServiceQuotasClient quotas) {
        this.quotas = quotas;
    }

    @Override
    public Ensured<QuotaRequest> ensureQuotaAtLeast(String serviceCode, String quotaCode, double desired) {
        double current = currentValue(serviceCode, quotaCode);
        if (current >= desired) {
            return Ensured.alreadyDone(new QuotaRequest(null, serviceCode, quotaCode, desired, current, "APPROVED"));
        }
        Optional<RequestedServiceQuotaChange> open = openRequest(serviceCode, quotaCode);
        if (open.isPresent() && open.get().desiredValue() >= desired) {
            return Ensured.alreadyDone(toRequest(open.get(), current));
        }
        if (open.isPresent()) {
            throw openWithLowerValue(open.get(), desired);
        }
        try {
            RequestedServiceQuotaChange requested = quotas.requestServiceQuotaIncrease(request -> request
                            .serviceCode(serviceCode).quotaCode(quotaCode).desiredValue(desired))
                    .requestedQuota();
            return Ensured.changed(toRequest(requested, current));
        } catch (ResourceAlreadyExistsException raced) {
            // an earlier attempt's request, opened after our look at the history
            RequestedServiceQuotaChange found = openRequest(serviceCode, quotaCode).orElseThrow(() ->
                    new IllegalStateException("Service Quotas says an increase of " + name(serviceCode, quotaCode)
                            + " is already open but does not list it", raced));
            if (found.desiredValue() < desired) {
                throw openWithLowerValue(found, desired);
            }
            return Ensured.alreadyDone(toRequest(found, current));
        } catch (QuotaExceededException | NoSuchResourceException
                 | software.amazon.awssdk.services.servicequotas.model.IllegalArgumentException e) {
            throw new StepFailedException("Service Quotas refused to raise " + name(serviceCode, quotaCode) + " to "
                    + desired + ": " + e.awsErrorDetails().errorMessage(), e);
        }
    }

    @Override
    public QuotaRequest quotaRequest(String requestId) {
        RequestedServiceQuotaChange requested;
        try {
            requested = quotas.getRequestedServiceQuotaChange(request -> request.requestId(requestId)).requestedQuota();
        } catch (NoSuchResourceException e) {
            throw new StepFailedException("Service Quotas has no quota increase request '" + requestId + "'", e);
        }
        return toRequest(requested, currentValue(requested.serviceCode(), requested.quotaCode()));
    }

    private double currentValue(String serviceCode, String quotaCode) {
        try {
            return quotas.getServiceQuota(request -> request.serviceCode(serviceCode).quotaCode(quotaCode))
                    .quota().value();
        } catch (NoSuchResourceException noAppliedValue) {
            // GetServiceQuota knows only applied values; a quota never raised has its AWS default
            try {
                return quotas.getAWSDefaultServiceQuota(request -> request.serviceCode(serviceCode).quotaCode(quotaCode))
                        .quota().value();
            } catch (NoSuchResourceException e) {
                throw new StepFailedException("Service Quotas knows no quota " + name(serviceCode, quotaCode) + ": "
                        + errorMessage(e), e);
            }
        }
    }

    private Optional<RequestedServiceQuotaChange> openRequest(String serviceCode, String quotaCode) {
        return quotas.listRequestedServiceQuotaChangeHistoryByQuotaPaginator(request -> request
                        .serviceCode(serviceCode).quotaCode(quotaCode))
                .requestedQuotas().stream()
                .filter(change -> OPEN.contains(change.status()))
                .max(Comparator.comparing(RequestedServiceQuotaChange::desiredValue));
    }

    private static StepFailedException openWithLowerValue(RequestedServiceQuotaChange open, double desired) {
        return new StepFailedException("An increase of " + name(open.serviceCode(), open.quotaCode()) + " to "
                + open.desiredValue() + " is already open (request " + open.id() + ", " + open.statusAsString()
                + "): Service Quotas takes no second request while it is, so " + desired
                + " cannot be asked for until it closes");
    }

    private static QuotaRequest toRequest(RequestedServiceQuotaChange change, double current) {
        return new QuotaRequest(change.id(), change.serviceCode(), change.quotaCode(), change.desiredValue(), current,
                change.statusAsString());
    }

    private static String name(String serviceCode, String quotaCode) {
        return serviceCode + "/" + quotaCode;
    }

    private static String errorMessage(AwsServiceException e) {
        return e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    }
}
