package dev.cutover.twilio;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Answers in the shape of Twilio's API 2010-04-01 (IncomingPhoneNumbers resource, error body). */
final class TwilioJson {

    static final String ACCOUNT_SID = "AC3c1f0b5e8a2d4c6e9f7a1b3d5e7f9a2b";
    static final String NUMBER_SID = "PN5d0c8a4f2e6b1d3c7a9e0f2b4d6c8e1a";
    static final String PHONE_NUMBER = "+14155550100";
    static final String NUMBERS_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers.json";
    static final String NUMBER_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers/" + NUMBER_SID + ".json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TwilioJson() {
    }

    /** A number as Twilio describes it; a test changes its fields by their JSON names. */
    static ObjectNode number(String phoneNumber, String voiceUrl, String smsUrl, String statusCallback) {
        ObjectNode number = JSON.createObjectNode();
        number.put("account_sid", ACCOUNT_SID);
        number.put("address_requirements", "none");
        number.putNull("address_sid");
        number.put("api_version", "2010-04-01");
        number.put("beta", false);
        number.putNull("bundle_sid");
        number.putObject("capabilities").put("voice", true).put("SMS", true).put("MMS", true).put("fax", false);
        number.put("date_created", "Tue, 14 Mar 2017 18:03:21 +0000");
        number.put("date_updated", "Wed, 02 Oct 2024 16:40:07 +0000");
        number.putNull("emergency_address_sid");
        number.put("emergency_address_status", "unregistered");
        number.put("emergency_status", "Inactive");
        number.put("friendly_name", "Clear My Record hotline");
        number.putNull("identity_sid");
        number.put("origin", "twilio");
        number.put("phone_number", phoneNumber);
        number.put("sid", NUMBER_SID);
        number.put("sms_application_sid", "");
        number.put("sms_fallback_method", "POST");
        number.put("sms_fallback_url", "");
        number.put("sms_method", "POST");
        number.put("sms_url", smsUrl);
        number.put("status", "in-use");
        number.put("status_callback", statusCallback);
        number.put("status_callback_method", "POST");
        number.putObject("subresource_uris").put("assigned_add_ons",
                "/2010-04-01/Accounts/" + ACCOUNT_SID + "/IncomingPhoneNumbers/" + NUMBER_SID + "/AssignedAddOns.json");
        number.putNull("trunk_sid");
        number.put("type", "local");
        number.put("uri", NUMBER_PATH);
        number.put("voice_application_sid", "");
        number.put("voice_caller_id_lookup", false);
        number.put("voice_fallback_method", "POST");
        number.putNull("voice_fallback_url");
        number.put("voice_method", "POST");
        number.put("voice_receive_mode", "voice");
        number.put("voice_url", voiceUrl);
        return number;
    }

    /** The list answer to {@code GET IncomingPhoneNumbers.json?PhoneNumber=…}. */
    static String numbers(String phoneNumber, ObjectNode... numbers) {
        String page = NUMBERS_PATH + "?PhoneNumber=" + phoneNumber.replace("+", "%2B") + "&PageSize=50&Page=0";
        ObjectNode list = JSON.createObjectNode();
        list.put("end", Math.max(0, numbers.length - 1));
        list.put("first_page_uri", page);
        list.putArray("incoming_phone_numbers").addAll(List.of(numbers));
        list.putNull("next_page_uri");
        list.put("page", 0);
        list.put("page_size", 50);
        list.putNull("previous_page_uri");
        list.put("start", 0);
        list.put("uri", page);
        return list.toString();
    }

    static String error(int status, int code, String message) {
        return JSON.createObjectNode()
                .put("code", code)
                .put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code)
                .put("status", status)
                .toString();
    }
}
