package dev.cutover.aws.rds;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** RDS's answers as they come over the wire (the Query protocol's XML), for WireMock stubs. */
final class RdsWire {

    static ResponseDefinitionBuilder ok(String xml) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml);
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <Error>
                    <Type>Sender</Type>
                    <Code>%s</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>7c1f3a2e-0000-4000-8000-000000000001</RequestId>
                </ErrorResponse>
                """.formatted(code, message.replace("&", "&amp;").replace("<", "&lt;")));
    }

    private RdsWire() {
    }
}
