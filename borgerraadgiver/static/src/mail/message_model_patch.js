import {Message} from "@mail/core/common/message_model";
import {patch} from "@web/core/utils/patch";

// A document of the journal (offentlighedsloven § 15) keeps its text and files:
// the server refuses to change or delete it (models/mail_message.py), so the
// chatter offers neither (the server marks it: borgerraadgiver_journalised).
patch(Message.prototype, {
    get editable() {
        return !this.borgerraadgiver_journalised && super.editable;
    },
});
