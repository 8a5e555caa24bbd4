package dev.cutover.aws.acm;

import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.CertificateType;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.InvalidArnException;
import software.amazon.awssdk.services.acm.model.InvalidDomainValidationOptionsException;
import software.amazon.awssdk.services.acm.model.InvalidParameterException;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.LimitExceededException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** {@link AcmPort} on the AWS SDK's {@link AcmClient}. */
class AcmAdapter implements AcmPort {

    private static final int TOKEN_MAX_LENGTH = 32;

    private final AcmClient acm;

    AcmAdapter(AcmClient acm) {
        this.acm = acm;
    }

    @Override
    public Ensured<Certificate> ensureCertificate(String domain, List<String> alternativeNames, String idempotencyToken) {
        String token = idempotencyToken(idempotencyToken);
        String apex = plain(domain);
        Set<String> names = names(apex, alternativeNames);
        Optional<Certificate> existing = existing(apex, names);
        if (existing.isPresent()) {
            return Ensured.alreadyDone(existing.get());
        }
        List<String> alternatives = names.stream().filter(name -> !name.equals(apex)).toList();
        String arn;
        try {
            arn = acm.requestCertificate(request -> {
                request.domainName(apex).validationMethod(ValidationMethod.DNS).idempotencyToken(token);
                // ACM refuses an empty list: leave it out when the domain is the only name
                if (!alternatives.isEmpty()) {
                    request.subjectAlternativeNames(alternatives);
                }
            }).certificateArn();
        } catch (LimitExceededException | InvalidDomainValidationOptionsException | InvalidParameterException e) {
            throw new StepFailedException("ACM refused a certificate for " + String.join(", ", names) + ": "
                    + message(e), e);
        }
        return Ensured.changed(certificate(arn));
    }

    @Override
    public Certificate certificate(String arn) {
        return toCertificate(describe(arn));
    }

    /** ACM takes tokens of word characters, at most 32: longer or other tokens keep a readable prefix and a hash. */
    static String idempotencyToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("A certificate request needs an idempotency token");
        }
        if (token.matches("\\w{1," + TOKEN_MAX_LENGTH + "}")) {
            return token;
        }
        String readable = token.replaceAll("\\W+", "_");
        String hash = sha256Hex(token).substring(0, 8);
        int room = TOKEN_MAX_LENGTH - hash.length() - 1;
        return readable.substring(0, Math.min(room, readable.length())) + "_" + hash;
    }

    private Optional<Certificate> existing(String domain, Set<String> names) {
        return acm.listCertificatesPaginator(request -> request
                        .certificateStatuses(CertificateStatus.PENDING_VALIDATION, CertificateStatus.ISSUED)
                        // without this filter ACM lists RSA 2048 certificates only
                        .includes(filters -> filters.keyTypes(
                                KeyAlgorithm.RSA_2048, KeyAlgorithm.EC_PRIME256_V1, KeyAlgorithm.EC_SECP384_R1)))
                .certificateSummaryList().stream()
                .filter(summary -> domain.equals(plain(summary.domainName())))
                .map(CertificateSummary::certificateArn)
                .map(this::describe)
                .filter(detail -> detail.type() != CertificateType.IMPORTED)
                .filter(detail -> names(detail).equals(names))
                .filter(detail -> detail.status() == CertificateStatus.ISSUED || validatedByDns(detail))
                .min(Comparator.comparing(detail -> detail.status() == CertificateStatus.ISSUED ? 0 : 1))
                .map(AcmAdapter::toCertificate);
    }

    private CertificateDetail describe(String arn) {
        try {
            return acm.describeCertificate(request -> request.certificateArn(arn)).certificate();
        } catch (ResourceNotFoundException | InvalidArnException e) {
            throw new StepFailedException("ACM has no certificate '" + arn + "': " + message(e), e);
        }
    }

    private static boolean validatedByDns(CertificateDetail detail) {
        return detail.domainValidationOptions().stream()
                .allMatch(option -> option.validationMethod() == null || option.validationMethod() == ValidationMethod.DNS);
    }

    private static Set<String> names(String domain, List<String> alternativeNames) {
        Set<String> names = new LinkedHashSet<>();
        names.add(domain);
        if (alternativeNames != null) {
            alternativeNames.stream().map(AcmAdapter::plain).forEach(names::add);
        }
        return names;
    }

    private static Set<String> names(CertificateDetail detail) {
        return names(plain(detail.domainName()), detail.subjectAlternativeNames());
    }

    private static Certificate toCertificate(CertificateDetail detail) {
        String domain = plain(detail.domainName());
        List<String> alternatives = detail.subjectAlternativeNames().stream()
                .map(AcmAdapter::plain)
                .filter(name -> !name.equals(domain))
                .distinct()
                .toList();
        return new Certificate(detail.certificateArn(), domain, alternatives, detail.statusAsString(),
                validationRecords(detail.domainValidationOptions()), detail.failureReasonAsString());
    }

    private static List<Certificate.ValidationRecord> validationRecords(List<DomainValidation> options) {
        // ACM fills the records in a few seconds after the request: until all are there, none is
        if (options.isEmpty() || options.stream().anyMatch(option -> option.resourceRecord() == null)) {
            return List.of();
        }
        return options.stream()
                .map(option -> new Certificate.ValidationRecord(
                        plain(option.domainName()),
                        plain(option.resourceRecord().name()),
                        option.resourceRecord().typeAsString(),
                        plain(option.resourceRecord().value()),
                        option.validationStatusAsString()))
                .toList();
    }

    private static String plain(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String message(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                ? e.awsErrorDetails().errorMessage()
                : e.getMessage();
    }
}
