/** @odoo-module **/
// Two advisors on one inquiry (static/src/views/inquiry_form.js): the form is
// open; a colleague's save changes its subject (here through the same JSON-RPC
// route, in a step); this form's own change of the subject is then refused
// with the server's message instead of overwriting the colleague's.  Started
// by borgerraadgiver/tests/test_concurrent_edits.py.

import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

// Shared with tests/test_concurrent_edits.py
export const COLLEAGUE_SUBJECT = "Kollegaens emne";
export const OWN_SUBJECT = "Mit emne";

const subject = ".o_form_view .o_field_widget[name=subject] input";

registry.category("web_tour.tours").add("borgerraadgiver_concurrent_edit", {
    steps: () => [
        {
            content: "The form is loaded",
            trigger: `${subject}:not(:value(${COLLEAGUE_SUBJECT}))`,
            run: async () => {
                const resId = Number(new URL(location.href).pathname.split("/").pop());
                await rpc("/web/dataset/call_kw/borgerraadgiver.inquiry/web_save", {
                    model: "borgerraadgiver.inquiry",
                    method: "web_save",
                    args: [[resId], { subject: COLLEAGUE_SUBJECT }],
                    kwargs: { specification: {} },
                });
            },
        },
        { content: "Change the subject", trigger: subject, run: `edit ${OWN_SUBJECT}` },
        { content: "Save", trigger: ".o_form_button_save:enabled", run: "click" },
        {
            content: "Refused, with what to do",
            trigger: ".modal:contains(Genindlæs siden) .modal-footer .btn-primary",
            run: "click",
        },
        { content: "Discard", trigger: ".o_form_button_cancel", run: "click" },
        { content: "Nothing left to save", trigger: `${subject}:not(:value(${OWN_SUBJECT}))` },
    ],
});
