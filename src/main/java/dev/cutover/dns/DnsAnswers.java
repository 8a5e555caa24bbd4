package dev.cutover.dns;

import org.xbill.DNS.Message;

/** Where a responder's answers come from: one response for one query. */
@FunctionalInterface
interface DnsAnswers {

    Message answer(Message query);
}
